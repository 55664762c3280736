# syntax=docker/dockerfile:1
# The cyber-incident triage bot: a multi-stage build.
#   build    installs every dependency and compiles TypeScript into dist/ (npm run build);
#   runtime  a production install (npm ci --omit=dev: no TypeScript, tsx, jest or test tools) and dist/, run as
#            the unprivileged "node" user with plain `node dist/index.js`.
# CI performs the same steps without a container engine: ops/production-check.js (run by .ci/run).
#
#   docker build -t cyber-triage-bot .
#   docker run -p 3978:3978 -e METRICS_TOKEN=... -v "$PWD/deployment.json:/config/deployment.json:ro" \
#     -e DEPLOYMENT_SETTINGS=/config/deployment.json cyber-triage-bot

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json index.ts ./
COPY bots ./bots
COPY dialogs ./dialogs
COPY machines ./machines
COPY data ./data
COPY server ./server
COPY web ./web
COPY ops ./ops
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3978
# Liveness, GET /livez: 200 while the process answers HTTP. Not /readyz (or /healthz), which also needs the shared
# conversation storage: an outage there would mark every container unhealthy at once, while each still answers users
# with the fallback and its numbers (docs/production.md, "Health endpoints").
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) lets the turns in flight finish: give it SHUTDOWN_TIMEOUT_SECONDS (10) plus a margin.
STOPSIGNAL SIGTERM
CMD ["node", "dist/index.js"]
