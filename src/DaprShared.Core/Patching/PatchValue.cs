using System.Text.Json;

namespace DaprShared.Core.Patching;

/// <summary>The value of a patch operation. A small closed set written straight to UTF-8, so a patch costs
/// what it adds, never a copy of the pod.</summary>
public abstract class PatchValue
{
    public static readonly PatchValue EmptyObject = new EmptyObjectValue();
    public static readonly PatchValue EmptyArray = new EmptyArrayValue();

    public static PatchValue String(string value) => new StringValue(value);

    /// <summary>A container env entry <c>{"name": ..., "value": ...}</c>.</summary>
    public static PatchValue EnvVar(string name, string value) => new EnvVarValue(name, value);

    /// <summary>A container env entry read from a Secret key (<c>valueFrom.secretKeyRef</c>).</summary>
    public static PatchValue EnvVarFromSecret(string name, string secretName, string key) =>
        new SecretEnvVarValue(name, secretName, key);

    public abstract void WriteTo(Utf8JsonWriter writer);

    private sealed class EmptyObjectValue : PatchValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
    }

    private sealed class EmptyArrayValue : PatchValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
        }
    }

    private sealed class StringValue(string value) : PatchValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(value);
    }

    private sealed class EnvVarValue(string name, string value) : PatchValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, name);
            writer.WriteString("value"u8, value);
            writer.WriteEndObject();
        }
    }

    private sealed class SecretEnvVarValue(string name, string secretName, string key) : PatchValue
    {
        public override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("name"u8, name);
            writer.WriteStartObject("valueFrom"u8);
            writer.WriteStartObject("secretKeyRef"u8);
            writer.WriteString("name"u8, secretName);
            writer.WriteString("key"u8, key);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
    }
}
