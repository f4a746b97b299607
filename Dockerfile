# syntax=docker/dockerfile:1
# LPSE Landak helpdesk bot. One image, two roles: ROLE=bot (default) or
# ROLE=workers. The bot role applies pending migrations before it starts.
# Nothing here downloads a binary: Prisma runs on driver adapters and its
# WebAssembly schema engine, and libvips (image re-encoding, through sharp)
# comes as the @img/sharp-* npm packages for the build's platform.

ARG NODE_VERSION=20.20

# --- dependencies, with the generated Prisma client -------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime ------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=3000 \
    DATA_DIR=/app/data \
    REDIS_AUTOSTART=false \
    ROLE=bot
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json tsconfig.json ./
COPY --chown=node:node core ./core
COPY --chown=node:node bot ./bot
COPY --chown=node:node workers ./workers
COPY --chown=node:node prisma ./prisma
COPY --from=deps --chown=node:node /app/prisma/generated ./prisma/generated
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HTTP_PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# `node --import tsx` runs TypeScript in this very process, so SIGTERM from
# `docker stop` reaches our handler directly.
CMD ["sh", "-c", "if [ \"$ROLE\" = workers ]; then exec node --import tsx workers/main.ts; else node --import tsx prisma/migrate.ts deploy && exec node --import tsx bot/main.ts; fi"]
