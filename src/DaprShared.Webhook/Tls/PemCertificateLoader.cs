using System.Buffers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DaprShared.Webhook.Tls;

/// <summary>Builds a <see cref="ServingCertificate"/> from PEM text: the first CERTIFICATE block is the leaf, any
/// further blocks are intermediates sent with it; the key may be PKCS#8, PKCS#1 (RSA) or SEC1 (EC).</summary>
public static class PemCertificateLoader
{
    /// <summary>Throws <see cref="ServingCertificateException"/> naming the files when the PEM is unusable
    /// (truncated, no certificate, encrypted key, key that does not match the certificate).</summary>
    public static ServingCertificate Load(ReadOnlySpan<byte> certificatePem, ReadOnlySpan<byte> keyPem, string certFile, string keyFile)
    {
        var certificateChars = Decode(certificatePem);
        var keyChars = Decode(keyPem);
        try
        {
            var certificateText = certificateChars.AsSpan(0, Encoding.UTF8.GetCharCount(certificatePem));
            var keyText = keyChars.AsSpan(0, Encoding.UTF8.GetCharCount(keyPem));

            var all = new X509Certificate2Collection();
            all.ImportFromPem(certificateText);
            if (all.Count == 0)
            {
                throw new ServingCertificateException($"{certFile} holds no PEM CERTIFICATE block");
            }

            using var leaf = X509Certificate2.CreateFromPem(certificateText, keyText);
            var intermediates = new X509Certificate2Collection();
            for (var i = 1; i < all.Count; i++)
            {
                intermediates.Add(all[i]);
            }

            return ServingCertificate.Create(leaf, intermediates);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // The runtime's messages ("The provided key does not match the public key for this certificate.",
            // "No supported key formats were found...") name the problem and never the key.
            throw new ServingCertificateException($"cannot use {certFile} with key {keyFile}: {e.Message}", e);
        }
        finally
        {
            ReturnCleared(certificateChars);
            ReturnCleared(keyChars);
        }
    }

    private static char[] Decode(ReadOnlySpan<byte> utf8)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(1, Encoding.UTF8.GetCharCount(utf8)));
        Encoding.UTF8.GetChars(utf8, chars);
        return chars;
    }

    // The key's text passed through this buffer: clear it before the pool hands it to someone else.
    private static void ReturnCleared(char[] chars)
    {
        Array.Clear(chars);
        ArrayPool<char>.Shared.Return(chars);
    }
}
