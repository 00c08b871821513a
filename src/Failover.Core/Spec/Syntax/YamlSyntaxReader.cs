using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Failover.Core.Spec.Syntax;

/// <summary>
/// Reads YAML into the same <see cref="SpecValue"/> as JSON, with YamlDotNet's event parser (no reflection, no
/// recursion). Plain scalars are typed by the YAML 1.2 core schema, so <c>weight: 50</c> is a number and
/// <c>weight: "50"</c> a string, exactly as in JSON.
/// </summary>
internal static partial class YamlSyntaxReader
{
    public static SpecValue Read(string text, int maxNesting)
    {
        var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
        var builder = new DocumentBuilder();
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                var at = new SourcePosition((int)current.Start.Line, (int)current.Start.Column);
                if (builder.ExpectsKey && current is not MappingEnd)
                {
                    if (current is not Scalar key)
                        throw new SpecSyntaxException("a mapping key must be a plain string", at);
                    builder.Key(key.Value, at);
                    continue;
                }
                switch (current)
                {
                    case DocumentStart:
                        if (++documents > 1) throw new SpecSyntaxException("the spec must be a single YAML document", at);
                        break;
                    case MappingStart:
                    case SequenceStart:
                        if (builder.Depth >= maxNesting)
                            throw new SpecSyntaxException($"the document nests deeper than {maxNesting} levels", at);
                        builder.Open(current is MappingStart ? SpecValue.NewObject(at) : SpecValue.NewArray(at));
                        break;
                    case MappingEnd:
                    case SequenceEnd:
                        builder.Close();
                        break;
                    case Scalar scalar:
                        builder.Add(Typed(scalar, at));
                        break;
                    case AnchorAlias:
                        // Aliases can multiply a small text into a huge tree ("billion laughs"); the spec has
                        // healthCheckDefaults for what anchors would otherwise share.
                        throw new SpecSyntaxException("YAML aliases (*name) are not supported; write the value out", at);
                }
            }
        }
        catch (YamlException e)
        {
            var at = new SourcePosition((int)e.Start.Line, (int)e.Start.Column);
            throw new SpecSyntaxException(Describe(e), at);
        }
        return builder.Result ?? throw new SpecSyntaxException("the document is empty", new SourcePosition(1, 1));
    }

    private static string Describe(YamlException e)
    {
        var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
        // YamlDotNet prefixes its own coordinates: "(Line: 3, Col: 5, Idx: 20) - (…): message".
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? message[(cut + 3)..] : message).TrimEnd('.');
    }

    private static SpecValue Typed(Scalar scalar, SourcePosition at)
    {
        var value = scalar.Value;
        var explicitString = !scalar.Tag.IsEmpty && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str";
        if (scalar.Style != ScalarStyle.Plain || explicitString) return SpecValue.String(value, at);
        if (value is "" or "~" or "null" or "Null" or "NULL") return SpecValue.Null(at);
        if (value is "true" or "True" or "TRUE") return SpecValue.Boolean(true, at);
        if (value is "false" or "False" or "FALSE") return SpecValue.Boolean(false, at);
        if (DecimalInteger().IsMatch(value)) return SpecValue.Number(value.TrimStart('+'), at);
        if (value.StartsWith("0x", StringComparison.Ordinal) && value.Length > 2
            && ulong.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return SpecValue.Number(hex.ToString(CultureInfo.InvariantCulture), at);
        if (Float().IsMatch(value)) return SpecValue.Number(value.TrimStart('+'), at);
        return SpecValue.String(value, at);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+\z")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z")]
    private static partial Regex Float();
}
