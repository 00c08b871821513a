using System.Collections.Concurrent;

namespace Failover.Reliability.Figures;

/// <summary>
/// What one scenario counted. Counters are added to from concurrent cases; <see cref="Note"/> keeps the first few
/// details of each defect so a failing figure says which case and what went wrong.
/// </summary>
public sealed class ScenarioResult(string scenario)
{
    private const int NotesPerFigure = 5;
    private readonly ConcurrentDictionary<string, (long Value, Expectation Expect, int Order)> _figures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _notes = new();
    private readonly ConcurrentDictionary<string, int> _notesPerFigure = new(StringComparer.Ordinal);
    private int _order;

    public string Scenario { get; } = scenario;

    public TimeSpan Elapsed { get; set; }

    /// <summary>Declares a figure (so it shows even when nothing was counted) with its expectation.</summary>
    public ScenarioResult Declare(string name, Expectation expect)
    {
        _figures.GetOrAdd(name, _ => (0, expect, Interlocked.Increment(ref _order)));
        return this;
    }

    public void Add(string name, long amount = 1)
    {
        if (!_figures.ContainsKey(name)) throw new InvalidOperationException($"figure '{name}' of {Scenario} was not declared");
        _figures.AddOrUpdate(name, _ => throw new InvalidOperationException(),
            (_, current) => (current.Value + amount, current.Expect, current.Order));
    }

    /// <summary>Counts a defect and keeps its detail (the first few per figure).</summary>
    public void Defect(string name, string detail, long amount = 1)
    {
        Add(name, amount);
        if (_notesPerFigure.AddOrUpdate(name, 1, (_, n) => n + 1) <= NotesPerFigure) _notes.Enqueue($"{name}: {detail}");
    }

    public void Note(string detail) => _notes.Enqueue(detail);

    public long this[string name] =>
        _figures.TryGetValue(name, out var figure) ? figure.Value : throw new KeyNotFoundException($"no figure '{name}' in {Scenario}");

    public IReadOnlyList<Figure> Figures =>
        _figures.OrderBy(f => f.Value.Order).Select(f => new Figure(Scenario, f.Key, f.Value.Value, f.Value.Expect)).ToList();

    public IReadOnlyList<string> Notes => [.. _notes];

    public bool Ok => Figures.All(f => f.Ok);
}
