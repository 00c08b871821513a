using Failover.Service.Progress;
using Failover.Service.Ports.Store;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Failover.Store;

/// <summary>
/// Names and values of one DynamoDB expression. Every attribute goes through a placeholder (<c>#status</c>):
/// many plain words (name, status, type, plan, owner, text, error) are DynamoDB reserved words.
/// </summary>
internal class Expressions
{
    private readonly Dictionary<string, string> _names = new();
    private readonly Dictionary<string, AttributeValue> _values = new();

    public string Name(string attribute)
    {
        var placeholder = "#" + attribute;
        _names[placeholder] = attribute;
        return placeholder;
    }

    public string Value(string label, AttributeValue value)
    {
        var placeholder = ":" + label;
        _values[placeholder] = value;
        return placeholder;
    }

    /// <summary>DynamoDB rejects empty name or value maps, so an unused one is sent as absent.</summary>
    public Dictionary<string, string>? Names => _names.Count == 0 ? null : _names;
    public Dictionary<string, AttributeValue>? Values => _values.Count == 0 ? null : _values;
}

/// <summary>An UpdateItem being put together: SET and REMOVE clauses and an optional condition.</summary>
internal sealed class ItemUpdate : Expressions
{
    private readonly List<string> _sets = [];
    private readonly List<string> _removes = [];
    private readonly List<string> _adds = [];
    private string? _condition;

    public ItemUpdate Set(string attribute, AttributeValue value)
    {
        _sets.Add($"{Name(attribute)} = {Value(attribute, value)}");
        return this;
    }

    /// <summary>Sets the attribute only where the item does not have it yet.</summary>
    public ItemUpdate SetIfAbsent(string attribute, AttributeValue value)
    {
        var name = Name(attribute);
        _sets.Add($"{name} = if_not_exists({name}, {Value(attribute, value)})");
        return this;
    }

    /// <summary>Adds to a number attribute (absent counts as 0): concurrent writers' amounts all land.</summary>
    public ItemUpdate Add(string attribute, long amount)
    {
        _adds.Add($"{Name(attribute)} {Value(attribute, new AttributeValue { N = amount.ToString(CultureInfo.InvariantCulture) })}");
        return this;
    }

    public ItemUpdate Remove(string attribute)
    {
        _removes.Add(Name(attribute));
        return this;
    }

    /// <summary>The condition, written with this update's <see cref="Expressions.Name"/> and <see cref="Expressions.Value"/>.</summary>
    public ItemUpdate When(Func<ItemUpdate, string> condition)
    {
        _condition = condition(this);
        return this;
    }

    public UpdateItemRequest ToRequest(string tableName, Dictionary<string, AttributeValue> key, ReturnValue? returnValues = null)
    {
        var clauses = new List<string>();
        if (_sets.Count > 0) clauses.Add("SET " + string.Join(", ", _sets));
        if (_removes.Count > 0) clauses.Add("REMOVE " + string.Join(", ", _removes));
        if (_adds.Count > 0) clauses.Add("ADD " + string.Join(", ", _adds));
        var request = new UpdateItemRequest
        {
            TableName = tableName,
            Key = key,
            UpdateExpression = string.Join(" ", clauses),
            ConditionExpression = _condition,
            ExpressionAttributeNames = Names,
            ExpressionAttributeValues = Values,
        };
        if (returnValues is not null) request.ReturnValues = returnValues;
        return request;
    }
}
