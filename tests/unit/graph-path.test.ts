import { expect, test } from '@playwright/test';
import { sameOperation } from '../../authoring/lint/rules/graph-path.ts';

/** request-path-vs-example compares paths as Graph reads them: what it must take as the same operation, and what it must not. */

test('the same operation: case, placeholders, keys in parentheses, function arguments, trailing and leading slashes', () => {
  const same: [string, string][] = [
    ['/users/{id}/joinedTeams', '/users/6f2c/joinedteams'],
    ['/users/{id | userPrincipalName}/checkMemberGroups', '/users/kai@contoso.com/checkMemberGroups'],
    ['/me/messages/{id}/attachments/{id}', "/me/messages('AAMk=')/attachments('AAMk-CJ=')/"],
    ["/applications(uniqueName='{uniqueName}')", "/applications(uniqueName='app-65278')"],
    ["/applications(appId='{appId}')", "/Applications(AppId='46e6')"],
    ['/reports/getM365AppUserCounts(period={period})', "/reports/getM365AppUserCounts(period='D7')"],
    [
      '/drives/{d}/items/{i}/getActivitiesByInterval(startDateTime={s},endDateTime={e},interval={i})',
      "/drives/b!x/items/01/getactivitiesbyinterval(startDateTime='2024-03-01',endDateTime='2024-03-31',interval='week')",
    ],
    ['/me/drive/items/{id}/workbook/worksheets/{id|name}/range', "/me/drive/items/01/workbook/worksheets/Sheet1/range(address='A1:B2')"],
    [
      '/me/drive/items/{id}/workbook/worksheets/{id|name}/range/usedRange',
      '/me/drive/items/01/workbook/worksheets/Sheet1/range/usedRange(valuesOnly=true)',
    ],
    ['/workbook/worksheets/{id|name}/range({address})/format', "/me/drive/items/01/workbook/worksheets/S/range(address='A1')/format"],
    ['/workbook/names(<name>)/range', '/me/drive/root:/a.xlsx:/workbook/names/Totals/range'],
    ['policies/claimsMappingPolicies', '/policies/claimsMappingPolicies/'],
    ['~/onPremisesPublishingProfiles/{publishingType}/agentGroups', '/onPremisesPublishingProfiles/provisioning/agentGroups'],
    ['/directoryRoles/roleTemplateId={roleTemplateId}/members', '/directoryRoles/roleTemplateId=fdd7a751/members'],
    ['/groups/{id}/members/$ref', '/groups/02bd/Members/$REF'],
    // `$count` is a segment every collection has; pages document the collection, not its count (v1.0 application-list.md).
    ['/applications', '/applications/$count'],
    ['/users/{id}/memberOf', '/me/memberOf/$count'],
  ];
  for (const [documented, sent] of same) expect(sameOperation(documented, sent), `${documented} ← ${sent}`).toBe(true);
});

test('aliases Graph gives one address: /me for /users/{id}, and any address of a drive item for any other', () => {
  const same: [string, string][] = [
    ['/users/{id | userPrincipalName}/checkMemberGroups', '/me/checkMemberGroups'],
    ['/me/events/{id}', '/users/8b08/events/AAMk'],
    ['/drives/{drive-id}/items/{item-id}/children', '/me/drive/root/children'],
    ['/me/drive/items/{item-id}/content', '/drive/root:/Folder A/File B.txt:/content'],
    ['/drives/{drive-id}/root:/{path}:/content', '/drives/b!x/root:/folder/file.txt:/content'],
    ['/me/drive/items/{parent-id}:/{filename}:/content', '/me/drive/root:/Reports/summary.txt:/content'],
    ['/sites/{site-id}/drive/items/{item-id}/versions', '/groups/1a2b/drive/items/01AB/versions'],
    ['/me/drive', '/drives/b!x'],
    ['/education/users/{id}/assignments', '/education/me/assignments'],
    ["/informationProtection/bitlocker/recoveryKeys/'{bitlockeryRecoveryKeyId}'", '/informationProtection/bitlocker/recoveryKeys/b465e4e8'],
  ];
  for (const [documented, sent] of same) expect(sameOperation(documented, sent), `${documented} ← ${sent}`).toBe(true);
});

test('another operation: another segment, a missing or extra one, another argument name, a list for a get', () => {
  const other: [string, string][] = [
    ['/external/connections/{id}/items', '/external/connections/contosohr/items/TSP228082938'],
    ['/users/{id}/joinedTeams', '/users/6f2c/teams'],
    ['/reports/getM365AppUserCounts(period={period})', "/reports/getM365AppUserCounts(period='D7')/content"],
    [
      '/drives/{d}/items/{i}/getActivitiesByInterval(startDateTime={s},endDateTime={e})',
      "/drives/b!x/items/01/getActivitiesByInterval(start='2024-03-01')",
    ],
    ['/users', '/users/6f2c'],
    ['/users/{id}', '/users'],
    ["/applications(uniqueName='{uniqueName}')", '/applications/03ef'],
    ['/me/drive/items/{item-id}/content', '/me/drive/items/01AB/children'],
    ['/workbook/tables/{id}/rows', '/me/drive/items/01/workbook/worksheets/S/tables/T/rows'],
    ['/me/messages/{id}', "/me/events('AAMk=')"],
    ['/applications/$count', '/applications'],
  ];
  for (const [documented, sent] of other) expect(sameOperation(documented, sent), `${documented} ← ${sent}`).toBe(false);
});
