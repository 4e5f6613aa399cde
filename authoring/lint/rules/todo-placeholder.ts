import type { LintRule } from './lint-rule.ts';

export const todoPlaceholder: LintRule<'todo-placeholder'> = {
  id: 'todo-placeholder',
  checks: 'the page holds a TODO where it should say something (permissions, descriptions, metadata)',
  why: 'a TODO published is a question left to every reader: the permission to grant, what a property means',
  check(context) {
    return context.page.todos.map((todo) => ({ at: `todo: ${todo.where}`, line: todo.line, evidence: todo.text }));
  },
  examples: {
    failing: {
      markdown: `---
title: "Create widget"
author: "**TODO: Provide Github Name.**"
---

# Create widget

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|**TODO: Provide applicable permissions.**|
|Delegated (personal Microsoft account)|Not supported.|
|Application|Widget.ReadWrite.All|

## HTTP request

~~~http
POST /widgets
~~~
`,
      findings: [
        'line 3 todo: front matter: author: **TODO: Provide Github Name.**',
        'line 12 todo: permissions: Delegated (work or school account): TODO: Provide applicable permissions.',
      ],
    },
    passing: {
      markdown: `---
title: "Create widget"
author: "contoso-writer"
---

# Create widget

## Permissions

|Permission type|Permissions (from least to most privileged)|
|:---|:---|
|Delegated (work or school account)|Widget.ReadWrite.All|
|Delegated (personal Microsoft account)|Not supported.|
|Application|Widget.ReadWrite.All|

## HTTP request

~~~http
POST /widgets
~~~
`,
    },
  },
};
