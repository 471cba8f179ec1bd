# Summitry's server. `docker compose up` runs it beside PostgreSQL (see docker-compose.yml);
# alone, it keeps its games in the embedded database under /data.
#
# Two stages. The build stage has every dependency (esbuild, Vite), builds (`npm run build`) and
# packs (`npm pack`: what package.json's "files" lists, i.e. dist/, migrations/ and the start
# script). The run stage installs that tarball's dependencies only (`npm ci --omit=dev`: no tsx,
# no Vite, no esbuild) and runs node on the compiled server as an unprivileged user. CI installs
# and starts the same tarball the same way (tests/production.test.ts), since Docker does not run
# on its machines.

FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY shared ./shared
COPY server ./server
COPY client ./client
COPY migrations ./migrations
RUN npm run build \
  && mkdir /pack \
  && npm pack --pack-destination /pack \
  && mv /pack/summitry-*.tgz /pack/summitry.tgz

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data
WORKDIR /app
# The lockfile is never packed; beside the package, it pins what `npm ci` installs.
COPY package-lock.json ./
COPY --from=build /pack/summitry.tgz /tmp/summitry.tgz
RUN tar -xzf /tmp/summitry.tgz --strip-components=1 \
  && rm /tmp/summitry.tgz \
  && npm ci --omit=dev --no-audit --no-fund \
  && npm cache clean --force \
  && mkdir -p /data \
  && chown node:node /data
# The code stays root's and read-only to the server; it writes its embedded database only.
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself as PID 1, not `npm start`: npm does not pass SIGTERM on to the server it started, and
# `docker stop` would then kill it without its graceful close (moves in flight stored, sockets closed).
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
