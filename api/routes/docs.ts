/**
 * GET /api/openapi.json and the Swagger UI at /api/docs (public: the API's shape is no secret;
 * every call it makes still needs a token, pasted into "Authorize").
 */
import express, { Express } from 'express';
import { openApiDocument } from '../openapi';
import { RouteDeclaration, SecureRouter } from '../secure-router';
import { isPage } from '../../web/middleware/page-errors';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const SWAGGER_DIST: string = require('swagger-ui-dist').getAbsoluteFSPath();

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>care-reviews API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div><script src="/api/docs/assets/swagger-ui-bundle.js"></script><script src="/api/docs/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', persistAuthorization: false });`;
/** Swagger UI needs its own script and style files, images and a fetch of the document: nothing from elsewhere. */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

export function docsAssets(app: Express): void {
  app.use('/api/docs/assets', express.static(SWAGGER_DIST, { index: false, fallthrough: false, maxAge: '1d' }));
}

export function docsRoutes(r: SecureRouter, routes: () => readonly RouteDeclaration[]): void {
  let doc: unknown;
  r.get('/openapi.json', 'public', (_req, res) => {
    // The API's routes only: the screens are declared through the same router but are pages, not API.
    res.json((doc ??= openApiDocument(routes().filter((d) => !isPage(d.path)))));
  });
  r.get('/docs', 'public', (_req, res) => {
    res.setHeader('Content-Security-Policy', DOCS_CSP).type('html').send(PAGE);
  });
  r.get('/docs/init.js', 'public', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
}
