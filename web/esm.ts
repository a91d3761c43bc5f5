/**
 * ESM-only packages (openid-client) from this CommonJS code: Node 20.19+ loads them with require().
 * Node's own require, not a bundler's or jest's (which cannot parse `import`).
 */
export function loadEsm<T>(name: string): T {
  const { createRequire } = process.getBuiltinModule('module') as typeof import('module');
  return createRequire(__filename)(name) as T;
}
