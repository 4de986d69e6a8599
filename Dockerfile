# Breakwater control plane with the admin UI. Build: docker build -t breakwater . (see docker-compose.yml)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json nx.json tsconfig.base.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/sdk/package.json libs/sdk/
COPY apps/control-plane/package.json apps/control-plane/
COPY apps/admin/package.json apps/admin/
COPY tools/package.json tools/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
COPY examples/checkout-service/package.json examples/checkout-service/
RUN npm ci --no-audit --no-fund
COPY libs libs
COPY apps apps
COPY tools tools
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p @breakwater/control-plane @breakwater/admin

FROM node:20-bookworm-slim AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/contracts/package.json libs/contracts/
COPY libs/sdk/package.json libs/sdk/
COPY apps/control-plane/package.json apps/control-plane/
COPY apps/admin/package.json apps/admin/
COPY tools/package.json tools/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
COPY examples/checkout-service/package.json examples/checkout-service/
RUN npm ci --omit=dev --no-audit --no-fund --workspace @breakwater/control-plane

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=8080 HOST=0.0.0.0
COPY --from=runtime-deps /app/node_modules node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/libs/contracts/package.json libs/contracts/
COPY --from=build /app/libs/contracts/dist libs/contracts/dist
COPY --from=build /app/apps/control-plane/package.json apps/control-plane/
COPY --from=build /app/apps/control-plane/dist apps/control-plane/dist
COPY --from=build /app/apps/admin/dist apps/admin/dist
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:8080/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "apps/control-plane/dist/src/main.js"]
