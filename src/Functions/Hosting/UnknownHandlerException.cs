namespace Failover.Functions.Hosting;

/// <summary>A handler name that the table does not hold; the message lists the names it does.</summary>
public sealed class UnknownHandlerException : Exception
{
    public UnknownHandlerException(string handlerName, IReadOnlyList<string> knownNames)
        : base(Describe(handlerName, knownNames))
    {
        HandlerName = handlerName;
        KnownNames = knownNames;
    }

    public string HandlerName { get; }

    public IReadOnlyList<string> KnownNames { get; }

    private static string Describe(string handlerName, IReadOnlyList<string> knownNames) =>
        string.IsNullOrEmpty(handlerName)
            ? $"No handler name was given (the function's Handler setting, _HANDLER, is empty). Known handlers: " +
                $"{string.Join(", ", knownNames)}."
            : $"Unknown handler '{handlerName}' (names are case-sensitive). Known handlers: {string.Join(", ", knownNames)}.";
}
