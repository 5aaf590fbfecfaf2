# syntax=docker/dockerfile:1
# The Dapr Shared injector: webhook + controller + CLI in one framework-dependent .NET app.
#
#   docker build -t ghcr.io/dapr-shared/dapr-shared-webhook:0.1.0 .
#   docker buildx build --platform linux/amd64,linux/arm64 -t ... --push .
#
# The build stage runs on the build machine's own platform and produces portable IL, so a
# multi-platform build needs no emulation; only the runtime stage differs per platform.

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files alone, so that the package layer is reused while only code changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/DaprShared.Core/DaprShared.Core.csproj src/DaprShared.Core/
COPY src/DaprShared.Kubernetes/DaprShared.Kubernetes.csproj src/DaprShared.Kubernetes/
COPY src/DaprShared.Controller/DaprShared.Controller.csproj src/DaprShared.Controller/
COPY src/DaprShared.Webhook/DaprShared.Webhook.csproj src/DaprShared.Webhook/
RUN dotnet restore src/DaprShared.Webhook/DaprShared.Webhook.csproj

COPY src/ src/
RUN dotnet publish src/DaprShared.Webhook/DaprShared.Webhook.csproj \
      --configuration Release --no-restore --output /app \
      -p:UseAppHost=false -p:DebugType=none

# Chiseled Ubuntu: no shell, no package manager, a non-root user (APP_UID 1654) built in.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./

# Read-only root filesystem: no diagnostics IPC socket or other runtime files are written (the
# Deployment still mounts an emptyDir at /tmp for anything that needs a temp file).
# The base image listens on plain HTTP 8080 by default; the webhook serves HTTPS on 8443 only.
ENV DOTNET_EnableDiagnostics=0 \
    ASPNETCORE_HTTP_PORTS= \
    ASPNETCORE_URLS=https://0.0.0.0:8443

USER $APP_UID
EXPOSE 8443
ENTRYPOINT ["dotnet", "/app/DaprShared.Webhook.dll"]
CMD ["serve"]
