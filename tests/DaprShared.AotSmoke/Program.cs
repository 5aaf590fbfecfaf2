using DaprShared.AotSmoke;

// Starts a published DaprShared.Webhook exactly as in a cluster, against the in-process fake API server, and checks
// the webhook and the controller end to end. Exit code 0 only when every step passed (bench/aot-smoke.sh).
var arguments = SmokeArguments.Parse(args);
if (arguments.HelpRequested)
{
    Console.Out.WriteLine(SmokeArguments.Usage);
    return 0;
}

if (arguments.Error is not null)
{
    Console.Error.WriteLine($"aot-smoke: {arguments.Error}");
    Console.Error.WriteLine(SmokeArguments.Usage);
    return 2;
}

return await SmokeRun.RunAsync(arguments, Console.Out);
