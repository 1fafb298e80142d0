import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Issue 13: every attribute the policy point decides on comes from the record's own events or from
 * the verified token, never from a request body, query or header. This rule is checked on the
 * source: every call of the policy point is listed below with where its resource description comes
 * from, and no call may build it from a request body. A new call fails this test until someone has
 * checked where its attributes come from and added it here.
 *
 * Sources:
 * - record: the descriptor CaseRecords.describe reads from the record's events (jurisdiction of its
 *   first event, assignees from its assignments), or the subject's own record (SubjectRecords);
 * - new-case: a creating command's jurisdiction (newCaseScope), which the policy checks lies inside the
 *   caller's scope and which the record then fixes;
 * - unknown-at-root: a record that does not exist, asked about at the country root so the answer
 *   equals the one for a record the caller may not see;
 * - asked-area: a listing or an aggregate over the area the caller asks about (no record is
 *   described; the policy checks the caller's grant covers that area);
 * - fixed: a constant descriptor (the event log itself).
 */
type Source = 'record' | 'new-case' | 'unknown-at-root' | 'asked-area' | 'fixed';

const REVIEWED: Record<string, Source[]> = {
  'apps/api/src/access/access-log.controller.ts': ['asked-area'],
  'apps/api/src/cases/case-http.ts': ['unknown-at-root', 'record'],
  'apps/api/src/cases/cases.controller.ts': ['record', 'record', 'unknown-at-root'],
  'apps/api/src/support/support-cases.controller.ts': ['unknown-at-root'],
  'apps/cli/src/commands/access-log.ts': ['asked-area'],
  'libs/access/src/application/break-glass-reviews.ts': ['asked-area', 'record'],
  'libs/audit/src/application/case-history.ts': ['record', 'record', 'unknown-at-root'],
  'libs/audit/src/application/log-audit.ts': ['fixed'],
  'libs/case-index/src/application/case-index-access.ts': ['asked-area', 'asked-area'],
  'libs/case-kernel/src/application/case-commands.ts': ['unknown-at-root', 'record'],
  'libs/case-kernel/src/application/case-reader.ts': ['unknown-at-root', 'record'],
  'libs/case-kernel/src/application/case-summaries.ts': ['asked-area'],
  'libs/case-kernel/src/application/hidden-case-guard.ts': ['record'],
  'libs/data-subject-requests/src/application/request-handling.ts': ['record'],
  'libs/data-subject-requests/src/application/subject-records.ts': ['record'],
  'libs/deadlines/src/application/deadline-access.ts': ['asked-area', 'asked-area'],
  'libs/indicators/src/application/statistics-service.ts': ['asked-area'],
};

/** Names under which request input reaches a handler: none of them may appear in a resource description. */
const REQUEST_INPUT = /\b(body|b|dto|query|params|headers|req)\s*(\.|\[)|\bcommand\.(jurisdiction|assignee)/;

const ROOT = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' || name === 'testing' || name === 'bench' ? [] : sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.includes('testkit') ? [full] : [];
  });
}

interface PolicyCall {
  file: string;
  line: number;
  resource: string;
}

/** Calls of the policy point (`policy.authorize`, `this.policy.authorize`, `access.policy.authorize`) and their resource argument. */
function policyCalls(): PolicyCall[] {
  const calls: PolicyCall[] = [];
  const roots = ['apps', 'libs'].flatMap((top) => readdirSync(path.join(ROOT, top)).map((name) => path.join(ROOT, top, name, 'src')));
  for (const file of roots.flatMap((dir) => (statSync(dir, { throwIfNoEntry: false })?.isDirectory() ? sourceFiles(dir) : []))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'authorize') {
        const receiver = node.expression.expression.getText(source);
        if (/(^|\.)policy$/.test(receiver) && node.arguments.length >= 3) {
          calls.push({
            file: path.relative(ROOT, file),
            line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
            resource: node.arguments[2]!.getText(source),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

describe('authority comes from the record and the token: every policy-point call reviewed', () => {
  const calls = policyCalls();

  it('finds the policy point’s calls (the scan itself works)', () => {
    expect(calls.length).toBeGreaterThanOrEqual(20);
    expect(calls.some((c) => c.file === 'libs/case-kernel/src/application/case-commands.ts')).toBe(true);
  });

  it('every call is one whose resource description was reviewed, and no reviewed call has gone unnoticed', () => {
    const found: Record<string, number> = {};
    for (const call of calls) found[call.file] = (found[call.file] ?? 0) + 1;
    expect(found).toEqual(Object.fromEntries(Object.entries(REVIEWED).map(([file, sources]) => [file, sources.length])));
  });

  it('no resource description is built from a request body, query, params or header', () => {
    const offending = calls.filter((c) => REQUEST_INPUT.test(c.resource)).map((c) => `${c.file}:${c.line}: ${c.resource}`);
    expect(offending).toEqual([]);
  });

  it('the rule catches the attack it is for (the erasure route of before: the jurisdiction from the body)', () => {
    expect(
      REQUEST_INPUT.test("{ kind: 'erasure_request', id: subjectId, jurisdiction: body.jurisdiction, assignees: [], fields: {} }"),
    ).toBe(true);
    expect(REQUEST_INPUT.test('{ ...found.resource, fields: {} }')).toBe(false);
  });
});
