using SocialGame.Core.Storage.Keys;
using SocialGame.Tests.Unit;

namespace SocialGame.Tests.Integration;

/// <summary>A running server knows every kind of data its modules keep about an account (what account deletion will use).</summary>
public class AccountDataRegistryTests : ServerFixture
{
    [Test]
    public void TheServersRegistryHoldsWhatEveryModuleDeclares()
    {
        var registry = Host.Services.AccountData;
        var expected = KeySpaceTests.KeyTypes.SelectMany(KeySpaceTests.AccountDataOf).ToList();
        Assert.That(expected, Is.Not.Empty);
        Assert.That(registry.Entries, Is.EquivalentTo(expected));
        Assert.That(registry.Find("sg:{alice}:ledger")?.Policy, Is.EqualTo(AccountDataPolicy.KeepForFinance));
        Assert.That(registry.Find("sg:{alice}:profile")?.Policy, Is.EqualTo(AccountDataPolicy.Delete));
        Assert.That(registry.Find("sg:{alice}:passgifts:unpaid:bob")?.Module, Is.EqualTo("pass"));
        Assert.That(registry.Find("sg:rp:index"), Is.Null, "not an account's");
    }
}
