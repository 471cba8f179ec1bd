# Summitry's server. `docker compose up` runs it beside PostgreSQL (see docker-compose.yml);
# alone, it keeps its games in the embedded database under /data.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY shared ./shared
COPY server ./server
COPY migrations ./migrations
COPY tsconfig.json ./
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/data
VOLUME /data
EXPOSE 3000
USER node
CMD ["npm", "start"]
