# care-reviews worker + API. Production runs it against the Temporal server named by TEMPORAL_ADDRESS.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY reference-data ./reference-data
COPY main.ts ./
COPY platform ./platform
COPY data ./data
COPY workflows ./workflows
COPY activities ./activities
COPY worker ./worker
COPY api ./api
COPY web ./web
COPY scripts ./scripts
COPY tsconfig.json ./
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 CARE_REVIEWS_DATA_DIR=/data
VOLUME /data
EXPOSE 3000
USER node
CMD ["node", "-r", "tsx/cjs", "main.ts"]
