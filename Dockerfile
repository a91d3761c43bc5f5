# care-reviews, compiled. One image, two processes (docker-compose.yml picks the command):
#   node dist/main-api.js     the API and the screens (the default)
#   node dist/main-worker.js  the workflows, activities and mail delivery (one or more)
# Both run against the Temporal server named by TEMPORAL_ADDRESS and share the /data volume
# (the embedded store: outbox, directory, calendar changes, sessions; README "Production").

# Build: every dependency (TypeScript included), then `npm run build` compiles to dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json main.ts main-worker.ts main-api.ts ./
COPY platform ./platform
COPY data ./data
COPY workflows ./workflows
COPY activities ./activities
COPY worker ./worker
COPY api ./api
COPY web ./web
COPY scripts ./scripts
RUN npm run build

# Run: production dependencies only (the Temporal SDK bundles the workflows from dist/ with its own
# webpack and swc), the compiled code and the files it reads at run time. No TypeScript, no tsx.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY reference-data ./reference-data
COPY scripts/care-reviews.js ./scripts/care-reviews.js
ENV HOST=0.0.0.0 PORT=3000 CARE_REVIEWS_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME /data
EXPOSE 3000
USER node
CMD ["node", "dist/main-api.js"]
