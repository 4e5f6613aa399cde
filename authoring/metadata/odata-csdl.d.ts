// odata-csdl ships no types; this declares the one function the harness calls.
declare module 'odata-csdl' {
  export interface Xml2JsonOptions {
    /** Adds `@parser.line` members: the 1-based line of each element. */
    lineNumbers?: boolean;
    /** Copies foreign-markup attributes as annotations. */
    annotations?: boolean;
    strict?: boolean;
    messages?: unknown[];
  }
  /** CSDL XML to CSDL JSON; throws on XML that does not parse or is not an edmx:Edmx document. */
  export function xml2json(xml: string, options?: Xml2JsonOptions): Record<string, unknown>;
}
