namespace DaprShared.Webhook.Cli;

internal static class CliUsage
{
    public const string Text = """
        Usage:
          DaprShared.Webhook inject  -f FILE|- [options]   print the manifests as the webhook would admit their pods
          DaprShared.Webhook explain -f FILE|- [options]   print the decision and reason for every pod template

        Handles Pods and the pod templates of Deployments, StatefulSets, DaemonSets, ReplicaSets,
        ReplicationControllers, Jobs, CronJobs and PodTemplates, also inside a `kind: List`. Other documents
        are printed unchanged, byte for byte.

        Options:
          -f, --filename FILE|-          manifests to read, multi-document YAML ('-' reads standard input)
          -n, --namespace NS             namespace of objects without metadata.namespace (default: default)
              --namespace-opted-in       treat every namespace as labelled dapr-shared.io/enabled=true
                                         (a Namespace in the input that carries the label counts without it)
              --cluster-domain DOMAIN    cluster DNS domain used in the endpoints (default: cluster.local)
              --default-strategy S       daemonset|deployment, for pods without dapr-shared.io/strategy
                                         (default: daemonset)
              --api-tokens true|false    inject DAPR_API_TOKEN from the app's token Secret (default: true)
          -o, --output FORMAT            explain: text|json (default: text); inject: yaml
          -h, --help                     show this help

        Exit codes: 0 success, 1 unreadable input or a failed mutation, 2 wrong usage.

        """;
}
