using DaprShared.Webhook.Cli;
using DaprShared.Webhook.Hosting;

// One binary. `inject` and `explain` change manifests offline; `serve`, the default verb, runs the webhook
// (composed in WebhookHost.Create: one Add…() per concern, then the Map…() of its endpoints).
if (args is ["inject" or "explain", ..])
{
    return CliProgram.Run(args, Console.In, Console.Out, Console.Error);
}

var serve = ServeArguments.Parse(args);
if (serve.HelpRequested)
{
    Console.Out.WriteLine(ServeArguments.Usage);
    return 0;
}

if (serve.Error is not null)
{
    Console.Error.WriteLine($"dapr-shared: {serve.Error}");
    Console.Error.WriteLine(ServeArguments.Usage);
    return 2;
}

return await WebhookHost.RunAsync(serve, Console.Error);
