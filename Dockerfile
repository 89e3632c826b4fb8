# syntax=docker/dockerfile:1
# seatsync: build the TypeScript once, ship production dependencies and the compiled output only.
#   docker build -t seatsync .
#   docker run --rm -e DATABASE_URL=postgres://… seatsync migrate     # migrations, as their own step
#   docker run -p 8080:8080 -e DATABASE_URL=postgres://… seatsync        # seatsync serve
#   docker run -e DATABASE_URL=postgres://… seatsync worker             # job runner (health on WORKER_HEALTH_PORT)
# compose.yaml runs the whole deployment: PostgreSQL, `migrate` once, two `serve`, one `worker`.
# Node 26 is the Active LTS line (since October 2026); NODE_IMAGE moves the three stages together.

ARG NODE_IMAGE=node:26-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY connectors ./connectors
COPY migrations ./migrations
RUN npm run build

FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production PORT=8080 WORKER_HEALTH_PORT=8081 DATA_DIR=/data
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080 8081
# One check for every role: `serve` and `start` answer /healthz on PORT, `worker` on WORKER_HEALTH_PORT.
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s CMD ["node", "-e", "const h=(p)=>fetch('http://127.0.0.1:'+p+'/healthz').then((r)=>{if(!r.ok)throw new Error(r.status)});h(process.env.PORT).catch(()=>h(process.env.WORKER_HEALTH_PORT)).then(()=>process.exit(0),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/seatsync.js"]
CMD ["serve"]
