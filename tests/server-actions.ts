import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/** One server action: an export of a module whose first statement is the "use server" directive. */
export interface ServerAction {
  /** The module, relative to the repository root, with forward slashes ("lib/actions/orders/cancel-order.ts"). */
  file: string;
  /** The exported name ("default" for a default export). */
  name: string;
}

export interface ServerActionScan {
  actions: ServerAction[];
  /** What the scan cannot turn into a callable, listed action: each is a failure to fix in the code. */
  problems: string[];
}

/** The key of an action in a policy table: "lib/actions/orders/cancel-order.ts#cancelOrder". */
export const actionKey = (a: ServerAction) => `${a.file}#${a.name}`;

const sourceExtensions = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
// Not the application's source: dependencies, build output, reports, static files.
const skippedDirectories = new Set(["node_modules", "public", "test-results", "playwright-report", "coverage", "blob-report"]);

function hasDirective(statements: readonly ts.Statement[], directive: string): boolean {
  // The directive prologue: the string-literal statements a body or module starts with.
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === directive) return true;
  }
  return false;
}

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const isDefault = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
const isAsync = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);

/** An async function or arrow function, seen through parentheses and type assertions. */
function isAsyncFunctionExpression(node: ts.Expression | undefined): boolean {
  let e = node;
  while (e && (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e))) e = e.expression;
  return e !== undefined && (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) && isAsync(e);
}

function functionName(node: ts.FunctionLikeDeclaration): string {
  if (node.name && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isJsxExpression(parent) && ts.isJsxAttribute(parent.parent)) return `the ${parent.parent.name.getText()} attribute's function`;
  return "an anonymous function";
}

/**
 * The server actions one source text defines, parsed with the TypeScript compiler:
 * every export of a module-level "use server" file, and, as problems, what no
 * test can call on its own (inline "use server" functions inside components and
 * pages, exports that are not async functions, `export *`).
 */
export function scanSource(file: string, text: string): ServerActionScan {
  const kind = file.endsWith(".tsx")
    ? ts.ScriptKind.TSX
    : file.endsWith(".jsx")
      ? ts.ScriptKind.JSX
      : /\.[mc]?js$/.test(file)
        ? ts.ScriptKind.JS
        : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const actions: ServerAction[] = [];
  const problems: string[] = [];
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;

  if (hasDirective(source.statements, "use server")) {
    // Every runtime export of the module is callable from the client by its reference id.
    const localAsync = new Set<string>();
    for (const statement of source.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name && statement.body && isAsync(statement)) localAsync.add(statement.name.text);
      if (ts.isVariableStatement(statement))
        for (const d of statement.declarationList.declarations)
          if (ts.isIdentifier(d.name) && isAsyncFunctionExpression(d.initializer)) localAsync.add(d.name.text);
    }
    const add = (name: string, node: ts.Node, async: boolean) => {
      if (async) actions.push({ file, name });
      else problems.push(`${where(node)}: "${name}" is exported from a "use server" module but is not an async function`);
    };
    for (const statement of source.statements) {
      if (ts.isFunctionDeclaration(statement) && isExported(statement)) {
        if (!statement.body) continue; // an overload signature
        add(isDefault(statement) ? "default" : (statement.name?.text ?? "default"), statement, isAsync(statement));
      } else if (ts.isVariableStatement(statement) && isExported(statement)) {
        for (const d of statement.declarationList.declarations) {
          if (!ts.isIdentifier(d.name)) problems.push(`${where(d)}: a destructured export of a "use server" module cannot be listed`);
          else add(d.name.text, d, isAsyncFunctionExpression(d.initializer));
        }
      } else if (ts.isExportAssignment(statement)) {
        const e = statement.expression;
        add("default", statement, isAsyncFunctionExpression(e) || (ts.isIdentifier(e) && localAsync.has(e.text)));
      } else if (ts.isExportDeclaration(statement)) {
        if (statement.isTypeOnly) continue;
        if (!statement.exportClause || ts.isNamespaceExport(statement.exportClause)) {
          problems.push(`${where(statement)}: \`export *\` in a "use server" module hides which actions it exports: export them by name`);
          continue;
        }
        for (const spec of statement.exportClause.elements) {
          if (spec.isTypeOnly) continue;
          const local = (spec.propertyName ?? spec.name).getText(source);
          // A re-export from another module is taken at its word (that module is scanned too).
          add(spec.name.getText(source), spec, statement.moduleSpecifier !== undefined || localAsync.has(local));
        }
      } else if ((ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && isExported(statement)) {
        add(statement.name?.text ?? "default", statement, false);
      }
    }
  }

  // Inline actions: a function whose own body starts with "use server" (in a page, a component, anywhere).
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body && ts.isBlock(node.body) && hasDirective(node.body.statements, "use server")) {
      problems.push(
        `${where(node)}: ${functionName(node as ts.FunctionLikeDeclaration)} is an inline "use server" action: ` +
          'move it to a module under lib/actions/ (its first statement "use server") so the authorization test can call it and give it a policy',
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { actions, problems };
}

/** Every source file of the application under `root`, relative and with forward slashes, sorted. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || skippedDirectories.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && sourceExtensions.test(entry.name) && !entry.name.endsWith(".d.ts"))
        out.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

/** The server actions of the whole source tree (app/, lib/, components/, and everything else but dependencies and build output). */
export function findServerActions(root: string): ServerActionScan {
  const actions: ServerAction[] = [];
  const problems: string[] = [];
  for (const file of sourceFiles(root)) {
    const text = fs.readFileSync(path.join(root, file), "utf8");
    // Cheap pre-filter: only files that mention the directive are parsed.
    if (!text.includes("use server")) continue;
    const scan = scanSource(file, text);
    actions.push(...scan.actions);
    problems.push(...scan.problems);
  }
  return { actions, problems };
}
