using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Hosting;

public static class KestrelRegistration
{
    /// <summary>TLS, protocol and limits for Kestrel (<see cref="WebhookKestrelSetup"/>).</summary>
    public static IServiceCollection AddWebhookKestrel(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, WebhookKestrelSetup>();
        return services;
    }
}
