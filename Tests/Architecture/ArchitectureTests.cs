using System.Reflection;
using System.Text.RegularExpressions;
using SocialGame.Core;
using SocialGame.Modules;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Architecture;

/// <summary>
/// The layers as declared: each module (a <c>SocialGame.Modules.X</c> namespace with its one <see cref="IGameModule"/>)
/// names the modules it uses (<see cref="DependsOnAttribute"/>) and uses no other; the names form no cycle; no module
/// uses another's keys type (a module's keys are built by that module alone); DotNetty is used only by the host.
/// </summary>
public partial class ArchitectureTests
{
    private const string ModulesNamespace = "SocialGame.Modules.";
    /// <summary>Helpers every module may use (input checks); not a module.</summary>
    private const string Library = "Common";
    private static readonly Assembly ModulesAssembly = typeof(ModuleList).Assembly;

    /// <summary>The module a type belongs to (the namespace segment after <c>SocialGame.Modules.</c>), or null for the core, the
    /// composition root and others.</summary>
    internal static string? ModuleOf(Type type)
    {
        var ns = TypeReferences.Outermost(type).Namespace;
        if (type.Assembly != ModulesAssembly || ns is null || !ns.StartsWith(ModulesNamespace, StringComparison.Ordinal)) return null;
        return ns[ModulesNamespace.Length..].Split('.')[0];
    }

    /// <summary>Each module's <see cref="IGameModule"/> class.</summary>
    private static Dictionary<string, Type> ModuleClasses =>
        ModulesAssembly.GetTypes().Where(t => typeof(IGameModule).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .ToDictionary(t => ModuleOf(t) ?? throw new InvalidOperationException($"{t} is a module outside {ModulesNamespace}*"));

    /// <summary>The modules each module declares it uses.</summary>
    internal static Dictionary<string, IReadOnlyList<string>> Declared =>
        ModuleClasses.ToDictionary(m => m.Key, m => (IReadOnlyList<string>)(m.Value.GetCustomAttribute<DependsOnAttribute>()?.Modules ?? [])
            .Select(t => ModuleOf(t) ?? throw new InvalidOperationException($"{m.Value.Name} depends on {t}, which is not a module"))
            .ToList());

    /// <summary>Every use of a type of another module: (module, using type, used type).</summary>
    internal static IEnumerable<(string Module, Type User, Type Used, string UsedModule)> CrossModuleUses(Assembly assembly) =>
        from type in assembly.GetTypes()
        let module = ModuleOf(type)
        where module is not null and not Library
        from used in TypeReferences.Of(type)
        let usedModule = ModuleOf(used)
        where usedModule is not null and not Library && usedModule != module
        select (module, TypeReferences.Outermost(type), TypeReferences.Outermost(used), usedModule);

    [Test]
    public void EveryModuleNamespaceHasOneModuleClass()
    {
        var namespaces = ModulesAssembly.GetTypes().Select(ModuleOf).OfType<string>().Where(m => m != Library).Distinct();
        Assert.That(ModuleClasses.Keys, Is.EquivalentTo(namespaces));
    }

    [Test]
    public void AModuleUsesOnlyTheModulesItDeclares()
    {
        var declared = Declared;
        var problems = CrossModuleUses(ModulesAssembly)
            .Where(u => !declared[u.Module].Contains(u.UsedModule))
            .Select(u => $"{u.Module} uses {u.UsedModule} ({u.User.FullName} -> {u.Used.FullName}) without declaring it in [DependsOn] " +
                $"of {ModuleClasses[u.Module].Name}")
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void AModuleUsesEveryModuleItDeclares()
    {
        var used = CrossModuleUses(ModulesAssembly).Select(u => (u.Module, u.UsedModule)).ToHashSet();
        var unused = Declared.SelectMany(d => d.Value.Where(m => !used.Contains((d.Key, m)))
            .Select(m => $"{d.Key} declares {m} but does not use it"));
        Assert.That(unused, Is.Empty);
    }

    [Test]
    public void TheDeclaredModuleGraphHasNoCycle()
    {
        Assert.That(Cycle(Declared), Is.Null);
    }

    [Test]
    public void NoModuleUsesAnotherModulesKeys()
    {
        var keyTypes = KeyTypesByOwner();
        var problems = CrossModuleUses(ModulesAssembly)
            .Where(u => keyTypes.ContainsKey(u.Used))
            .Select(u => $"{u.User.FullName} ({u.Module}) uses {u.Used.Name}, the keys of {u.UsedModule}")
            .Distinct().ToList();
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void DotNettyIsUsedOnlyByTheHost()
    {
        var assemblies = new[] { typeof(Protocol.ResultCode), typeof(IGameModule), typeof(ModuleList), typeof(Client.GameClient),
            typeof(Tools.ToolMain) }
            .Select(t => t.Assembly);
        var referencing = assemblies.Where(a => a.GetReferencedAssemblies()
            .Any(r => r.Name!.StartsWith("DotNetty", StringComparison.Ordinal)))
            .Select(a => a.GetName().Name);
        Assert.That(referencing, Is.Empty, "assemblies outside the host that reference DotNetty");

        string root = TestServer.RepoRoot;
        var files = new[] { "Protocol", "Server/Core", "Modules", "Tools" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(root, dir), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));
        // Tools/Bench/Baseline is the thinnest server the benchmarks compare the game server with: a transport of its own
        // by design, not part of the product.
        string baseline = Path.Combine(root, "Tools", "Bench", "Baseline") + Path.DirectorySeparatorChar;
        var using_ = files.Where(f => !f.StartsWith(baseline, StringComparison.Ordinal))
            .Where(f => DotNettyUse().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(root, f));
        Assert.That(using_, Is.Empty, "source outside Server/Host that uses DotNetty");
    }

    [Test]
    public void TheModulesExportNoType()
    {
        // internal by default: the host, the tests and the tools see them through InternalsVisibleTo, nothing else does
        Assert.That(ModulesAssembly.GetExportedTypes().Select(t => t.FullName), Is.Empty);
    }

    [Test]
    public void TheCoreDoesNotReferenceTheModules()
    {
        Assert.That(typeof(IGameModule).Assembly.GetReferencedAssemblies().Select(a => a.Name),
            Does.Not.Contain(ModulesAssembly.GetName().Name));
    }

    /// <summary>Each keys type (see <see cref="Unit.KeySpaceTests.KeyTypes"/>) with its module.</summary>
    private static Dictionary<Type, string> KeyTypesByOwner() =>
        Unit.KeySpaceTests.KeyTypes.Where(t => ModuleOf(t) is not null).ToDictionary(t => t, t => ModuleOf(t)!);

    /// <summary>A cycle of the graph as "a -> b -> a", or null.</summary>
    internal static string? Cycle(IReadOnlyDictionary<string, IReadOnlyList<string>> graph)
    {
        var state = new Dictionary<string, int>(); // 1 visiting, 2 done
        var path = new List<string>();
        string? Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2) return null;
            if (state.GetValueOrDefault(node) == 1) return string.Join(" -> ", path.SkipWhile(n => n != node).Append(node));
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
                if (Visit(next) is { } cycle) return cycle;
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        return graph.Keys.Order(StringComparer.Ordinal).Select(Visit).FirstOrDefault(c => c is not null);
    }

    [Test]
    public void TheCycleCheckFindsACycle()
    {
        var graph = new Dictionary<string, IReadOnlyList<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = ["a"], ["d"] = ["a"] };
        Assert.That(Cycle(graph), Is.EqualTo("a -> b -> c -> a"));
        graph["c"] = [];
        Assert.That(Cycle(graph), Is.Null);
    }

    [GeneratedRegex(@"\busing\s+DotNetty\b|\bDotNetty\.[A-Z]|Include=""DotNetty")]
    private static partial Regex DotNettyUse();
}
