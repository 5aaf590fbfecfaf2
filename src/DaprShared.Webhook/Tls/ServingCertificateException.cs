namespace DaprShared.Webhook.Tls;

/// <summary>A serving certificate could not be loaded or created. The message is meant for an operator:
/// it names the file or setting at fault and never contains key material.</summary>
public sealed class ServingCertificateException : Exception
{
    public ServingCertificateException(string message)
        : base(message)
    {
    }

    public ServingCertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
