namespace SocialGame.Core;

/// <summary>
/// One module of the server. It is built (in <c>ModuleList</c>) with the services it uses, registers everything
/// the core calls it for through the <see cref="IModuleBuilder"/> once, then is started and stopped with the node.
/// </summary>
public interface IGameModule
{
    /// <summary>The module's name, unique on the node (it prefixes every start-up message about the module).</summary>
    string Name { get; }

    /// <summary>Registers the module's handlers, GM commands, admin routes, event subscriptions, keys and account data.</summary>
    void Register(IModuleBuilder builder);

    /// <summary>Start-up work after Redis is connected (default: none).</summary>
    Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    Task StopAsync() => Task.CompletedTask;
}

/// <summary>
/// Names the modules a module uses (the module classes of other <c>SocialGame.Modules.*</c> namespaces). A module
/// may use the types of the modules it names and of no other; the names form no cycle (an architecture test checks both).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DependsOnAttribute(params Type[] modules) : Attribute
{
    public IReadOnlyList<Type> Modules { get; } = modules;
}
