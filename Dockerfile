# syntax=docker/dockerfile:1
# seatsync: build the TypeScript once, ship production dependencies and the compiled output only.
#   docker build -t seatsync .
#   docker run --rm -e DATABASE_URL=postgres://… seatsync migrate     # migrations, as their own step
#   docker run -p 8080:8080 -e DATABASE_URL=postgres://… seatsync        # seatsync serve
#   docker run -e DATABASE_URL=postgres://… seatsync worker             # job runner

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY connectors ./connectors
COPY migrations ./migrations
RUN npm run build

FROM node:20-bookworm-slim AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8080 DATA_DIR=/data
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/seatsync.js"]
CMD ["serve"]
