using System.Text;
using Failover.Store;
using Failover.Service.Progress;

namespace Failover.Aws.Tests.Progress;

[Trait("Category", "Unit")]
public sealed class SplitTextTests
{
    [Fact]
    public void Parts_fit_an_item_and_never_cut_a_character()
    {
        var text = string.Concat(Enumerable.Repeat("a😀é€", 200_000));
        var bytes = Encoding.UTF8.GetBytes(text);

        var parts = SplitText.Split(bytes);

        Assert.True(parts.Count >= 3);
        Assert.All(parts, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, SplitText.MaxBytesPerItem));
        Assert.All(parts, p => Assert.DoesNotContain('\uFFFD', p));
        Assert.Equal(text, string.Concat(parts));
    }
}
