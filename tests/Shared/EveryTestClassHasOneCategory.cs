using System.Reflection;

namespace Failover.Testing.Categories;

/// <summary>
/// Every test class carries exactly one <c>Category</c> trait — Unit (no moto, no server, no child process that
/// serves), EndToEnd, Reliability or Deploy — so <c>dotnet test Failover.sln --filter Category=Unit</c> is the whole
/// fast tier and no test falls outside every tier. Linked into each test project by tests/Directory.Build.props; it
/// checks the assembly it is compiled into.
/// </summary>
[Trait("Category", "Unit")]
public sealed class EveryTestClassHasOneCategory
{
    private const string Trait = "Category";
    private static readonly string[] Categories = ["Unit", "EndToEnd", "Reliability", "Deploy"];

    [Fact]
    public void Every_test_class_in_this_assembly_has_exactly_one_category()
    {
        var testClasses = typeof(EveryTestClassHasOneCategory).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && HasTests(t))
            .ToList();
        Assert.NotEmpty(testClasses);
        var wrong = testClasses
            .Select(t => (Type: t, Values: CategoriesOf(t).ToList()))
            .Where(c => c.Values.Count != 1 || !Categories.Contains(c.Values[0]))
            .Select(c => $"{c.Type.FullName}: [{string.Join(", ", c.Values)}]")
            .ToList();
        Assert.True(wrong.Count == 0,
            $"each test class needs exactly one [Trait(\"{Trait}\", …)] of {string.Join(", ", Categories)}:\n{string.Join("\n", wrong)}");
    }

    [Fact]
    public void Categories_are_given_to_classes_not_to_single_tests()
    {
        var methods = typeof(EveryTestClassHasOneCategory).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => CategoryValues(m.GetCustomAttributesData()).Any())
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .ToList();
        Assert.Empty(methods);
    }

    private static bool HasTests(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Any(m => m.IsDefined(typeof(FactAttribute), inherit: true));

    // xunit reads a class's traits from the class and its base classes.
    private static IEnumerable<string> CategoriesOf(Type type)
    {
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            foreach (var value in CategoryValues(t.GetCustomAttributesData())) yield return value;
    }

    private static IEnumerable<string> CategoryValues(IEnumerable<CustomAttributeData> attributes) =>
        attributes.Where(a => a.AttributeType == typeof(TraitAttribute) && a.ConstructorArguments.Count == 2
                              && (string?)a.ConstructorArguments[0].Value == Trait)
            .Select(a => (string?)a.ConstructorArguments[1].Value ?? "");
}
