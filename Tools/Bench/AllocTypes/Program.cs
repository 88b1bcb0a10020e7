using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// Usage: SocialGame.AllocTypes TRACE.nettrace [REQUESTS]
// The runtime reports an allocation tick about every 100 KB allocated, naming the type of the object that crossed the
// mark: the ticks by type are a sample of what was allocated, in proportion to bytes. With REQUESTS (answered while the
// trace ran), each type's share is also shown in bytes per request.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: SocialGame.AllocTypes TRACE.nettrace [REQUESTS]");
    return 2;
}
double requests = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
long total = 0;
using (var source = new EventPipeEventSource(args[0]))
{
    var clr = new ClrTraceEventParser(source);
    clr.GCAllocationTick += tick =>
    {
        long amount = tick.AllocationAmount64;
        string type = tick.TypeName ?? "?";
        bytes[type] = bytes.GetValueOrDefault(type) + amount;
        total += amount;
    };
    source.Process();
}
Console.WriteLine($"# {total / 1024.0 / 1024.0:F1} MB in allocation ticks{(requests > 0 ? $", {total / requests:F0} B per request" : "")}");
foreach (var (type, amount) in bytes.OrderByDescending(p => p.Value).Take(40))
    Console.WriteLine(requests > 0
        ? $"{amount * 100.0 / total,6:F1}% {amount / requests,8:F1} B  {type}"
        : $"{amount * 100.0 / total,6:F1}%  {type}");
return 0;
