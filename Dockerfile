# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript with dev dependencies, then ship production dependencies and dist/ only,
# running as a non-root user. Data (embedded store, outbox) lives in the /data volume.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production INNOMATCH_DATA_DIR=/data
WORKDIR /app
RUN groupadd --system innomatch && useradd --system --gid innomatch --home /app innomatch \
  && mkdir -p /data && chown innomatch:innomatch /data
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY data ./data
USER innomatch
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "dist/cli/bin.js"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
