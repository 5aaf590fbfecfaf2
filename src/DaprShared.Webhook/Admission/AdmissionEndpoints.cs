using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DaprShared.Webhook.Admission;

public static class AdmissionEndpoints
{
    /// <summary>Admission options (section <c>Admission</c>), benchmark switches (section <c>Benchmark</c>), the
    /// reviewer over the pure core, and the guarded transport.</summary>
    public static IServiceCollection AddAdmission(this IServiceCollection services)
    {
        services.AddOptions<AdmissionOptions>().BindConfiguration(AdmissionOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdmissionOptions>, AdmissionOptionsValidator>());
        services.AddOptions<BenchmarkOptions>().BindConfiguration(BenchmarkOptions.SectionName, binder => binder.ErrorOnUnknownConfiguration = true).ValidateOnStart();
        services.TryAddSingleton<IAdmissionReviewer, CoreAdmissionReviewer>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WarnedDecisionLogThrottle>();
        services.AddSingleton<AdmissionTransport>();
        return services;
    }

    /// <summary><c>/mutate</c> and <c>/mutate/namespace-opt-in</c> (and <c>/noop</c> when
    /// <c>Benchmark:NoopEndpoint</c> is on), for every method: the transport answers anything but POST with 405 and
    /// a message, rather than routing's bare 405.</summary>
    public static IEndpointRouteBuilder MapAdmission(this IEndpointRouteBuilder endpoints)
    {
        var transport = new Lazy<AdmissionTransport>(endpoints.ServiceProvider.GetRequiredService<AdmissionTransport>);
        endpoints.Map(AdmissionPaths.PodOptIn, context => transport.Value.HandleAsync(context, AdmissionEntry.PodOptIn));
        endpoints.Map(AdmissionPaths.NamespaceOptIn, context => transport.Value.HandleAsync(context, AdmissionEntry.NamespaceOptIn));

        if (endpoints.ServiceProvider.GetRequiredService<IOptions<BenchmarkOptions>>().Value.NoopEndpoint)
        {
            endpoints.Map(AdmissionPaths.Noop, context => transport.Value.HandleAsync(context, AdmissionEntry.Noop));
        }

        return endpoints;
    }
}
