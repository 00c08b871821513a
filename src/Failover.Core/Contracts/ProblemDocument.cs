namespace Failover.Core.Contracts;

/// <summary>The Problem schema: an RFC 9457 problem document, with the correlation id and every error with its path.</summary>
public sealed record ProblemDocument(
    string? Type,
    string? Title,
    int Status,
    string? Detail,
    string? Instance,
    string? CorrelationId,
    IReadOnlyList<FieldErrorDocument>? Errors,
    IReadOnlyList<FieldErrorDocument>? Warnings);

/// <summary>What API Gateway answers itself (a refused signature, a throttled stage): <c>{"message": "…"}</c>.</summary>
public sealed record GatewayMessageDocument(string? Message);
