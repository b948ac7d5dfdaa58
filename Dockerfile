# The bot in a container: `docker build -t portfolio-bot .` then
#   docker run --rm -it portfolio-bot                       # terminal chat (no token)
#   docker run -d --env-file .env --restart unless-stopped portfolio-bot   # the Discord bot
#   docker run -d --env-file .env -e HOST=0.0.0.0 -p 8080:8080 portfolio-bot node bin/portfolio-bot.js serve
# Mount your own profile with -v "$PWD/data/me.yaml:/app/data/profile.yaml:ro".
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts are skipped here and the build runs once below, with the sources present.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
COPY --from=build /app/data ./data
USER node
# SIGTERM finishes the replies in flight and exits 0 (docker stop).
STOPSIGNAL SIGTERM
CMD ["node", "bin/portfolio-bot.js", "start"]
