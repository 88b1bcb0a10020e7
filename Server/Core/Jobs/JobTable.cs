namespace SocialGame.Core.Jobs;

/// <summary>
/// The periodic jobs the modules registered (<see cref="IModuleBuilder.Job"/>): started together once every module has
/// started, and each module's stopped just before the module itself stops. A job name registered twice stops the start-up.
/// </summary>
public sealed class JobTable
{
    private readonly List<Definition> _definitions = [];
    private readonly List<(string Module, PeriodicJob Job)> _running = [];
    private readonly Lock _lock = new();

    public void Add(string module, string name, TimeSpan period, Func<CancellationToken, Task> pass)
    {
        if (period <= TimeSpan.Zero) throw new InvalidOperationException($"job {name}: its period must be positive, not {period}");
        if (_definitions.FirstOrDefault(d => d.Name == name) is { } other)
            throw new InvalidOperationException($"job {name} is registered by module {other.Module} too");
        _definitions.Add(new Definition(module, name, period, pass));
    }

    /// <summary>Starts every registered job (once).</summary>
    public void StartAll()
    {
        lock (_lock)
        {
            if (_running.Count > 0) return;
            foreach (var d in _definitions) _running.Add((d.Module, PeriodicJob.Start(d.Name, d.Period, d.Pass)));
        }
    }

    /// <summary>Stops <paramref name="module"/>'s jobs, each after the pass in progress.</summary>
    public async Task StopAsync(string module)
    {
        List<PeriodicJob> jobs;
        lock (_lock)
        {
            jobs = _running.Where(r => r.Module == module).Select(r => r.Job).ToList();
            _running.RemoveAll(r => r.Module == module);
        }
        foreach (var job in jobs) await job.StopAsync().ConfigureAwait(false);
    }

    private sealed record Definition(string Module, string Name, TimeSpan Period, Func<CancellationToken, Task> Pass);
}
