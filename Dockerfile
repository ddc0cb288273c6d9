# One image for both processes: `node dist/apps/api/main.js` or `node dist/apps/worker/main.js`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx nest build api && npx nest build worker && npm prune --omit=dev

FROM node:20-bookworm-slim
# Chromium prints letters; pdftotext reads the shelf's PDFs; Noto carries their Arabic.
RUN apt-get update && apt-get install -y --no-install-recommends chromium poppler-utils fonts-noto-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/apps/web ./apps/web
COPY package.json ./
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
