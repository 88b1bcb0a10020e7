using System.Collections.Concurrent;
using MessagePack;
using SocialGame.Core;
using SocialGame.Core.Dispatch;
using SocialGame.Protocol;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;

namespace SocialGame.Tests.Infrastructure;

/// <summary>
/// A module only the tests register (module 99): a handler that throws, one that holds the request
/// open to observe concurrency, one that pushes large frames to its caller, and one whose answer cannot be serialised.
/// </summary>
public sealed class ProbeModule : IGameModule
{
    public const int Module = 99;
    private int _running;
    private int _maxRunning;

    public string Name => "probe";
    public int MaxConcurrent => Volatile.Read(ref _maxRunning);
    public ConcurrentQueue<(string Account, int N)> Order { get; } = new();
    public ConcurrentDictionary<string, int> RunningByAccount { get; } = new();
    public int MaxSameAccount;
    /// <summary>Pushes the spam handler wrote (it stops once its connection is no longer open).</summary>
    public int SpamSent;

    public static readonly OpDef<EmptyRequest, ResultOnly> Throw = new((ModuleType)Module, 1, "throw", "", []);
    public static readonly OpDef<HoldRequest, HoldResponse> Hold = new((ModuleType)Module, 2, "hold", "", []);
    public static readonly OpDef<SpamRequest, ResultOnly> Spam = new((ModuleType)Module, 3, "spam", "", []);
    public static readonly PushDef<SpamPushData> SpamPush = new((ModuleType)Module, 4, "spampush", "", []);
    public static readonly OpDef<EmptyRequest, UnserialisableResponse> BadAnswer = new((ModuleType)Module, 5, "badanswer", "", []);
    public static readonly OpDef<EmptyRequest, WayResponse> AtOnce = new((ModuleType)Module, 6, "atonce", "", []);
    /// <summary>The at-once handler's <see cref="IAnswersAtOnce.TryAnswer"/> throws while this is set.</summary>
    public bool AtOnceFails;

    public void Register(IModuleBuilder builder)
    {
        builder.Handle(new ThrowHandler());
        builder.Handle(new HoldHandler(this));
        builder.Handle(new SpamHandler(this));
        builder.Handle(new BadAnswerHandler());
        builder.Handle(new AtOnceHandler(this));
    }

    /// <summary>Answers which way it was answered: "at once" on the event loop when it brings no data, else "queued".</summary>
    private sealed class AtOnceHandler(ProbeModule probe) : Handler<EmptyRequest, WayResponse>(AtOnce), IAnswersAtOnce
    {
        public override bool RequiresLogin => false;

        protected override ValueTask<WayResponse> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
            ValueTask.FromResult(new WayResponse { Way = "queued" });

        public bool TryAnswer(ReadOnlySpan<byte> data, System.Buffers.IBufferWriter<byte> output, out int result)
        {
            result = 0;
            if (probe.AtOnceFails) throw new InvalidOperationException("probe at-once failure");
            if (!data.IsEmpty) return false;
            MessagePackSerializer.Serialize(output, new WayResponse { Way = "at once" });
            return true;
        }
    }

    private sealed class BadAnswerHandler() : Handler<EmptyRequest, UnserialisableResponse>(BadAnswer)
    {
        protected override ValueTask<UnserialisableResponse> HandleAsync(RequestContext context, EmptyRequest request,
            CancellationToken ct) =>
            ValueTask.FromResult(new UnserialisableResponse());
    }

    private sealed class ThrowHandler() : Handler<EmptyRequest, ResultOnly>(Throw)
    {
        protected override ValueTask<ResultOnly> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
            throw new InvalidOperationException("probe failure");
    }

    private sealed class HoldHandler(ProbeModule probe) : Handler<HoldRequest, HoldResponse>(Hold)
    {
        protected override async ValueTask<HoldResponse> HandleAsync(RequestContext context, HoldRequest request, CancellationToken ct)
        {
            int now = Interlocked.Increment(ref probe._running);
            int mine = probe.RunningByAccount.AddOrUpdate(context.Account, 1, (_, n) => n + 1);
            InterlockedMax(ref probe._maxRunning, now);
            InterlockedMax(ref probe.MaxSameAccount, mine);
            probe.Order.Enqueue((context.Account, request.N));
            try
            {
                await Task.Delay(request.Ms, ct);
            }
            finally
            {
                probe.RunningByAccount.AddOrUpdate(context.Account, 0, (_, n) => n - 1);
                Interlocked.Decrement(ref probe._running);
            }
            return new HoldResponse { Result = 0, N = request.N };
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    private sealed class SpamHandler(ProbeModule probe) : Handler<SpamRequest, ResultOnly>(Spam)
    {
        protected override ValueTask<ResultOnly> HandleAsync(RequestContext context, SpamRequest request, CancellationToken ct)
        {
            var data = new SpamPushData { Text = new string('x', request.Size) };
            var session = context.Session;
            ResultOnly Spam()
            {
                for (int i = 0; i < request.Count && session.IsOpen; i++)
                {
                    session.Push(SpamPush, data);
                    Interlocked.Increment(ref probe.SpamSent);
                }
                return ResultOnly.Of(ResultCode.Success);
            }
            return request.OffLoop ? new(Task.Run(Spam, ct)) : ValueTask.FromResult(Spam());
        }
    }
}

[MessagePackObject]
public sealed class HoldRequest
{
    [Key("ms")] public int Ms { get; set; }
    [Key("n")] public int N { get; set; }
}

[MessagePackObject]
public sealed class HoldResponse : IResponse
{
    [Key("result")] public int Result { get; set; }
    [Key("n")] public int N { get; set; }
}

[MessagePackObject]
public sealed class SpamRequest
{
    [Key("count")] public int Count { get; set; }
    [Key("size")] public int Size { get; set; }
    /// <summary>Push from a thread-pool thread (frames queued to the event loop) instead of the loop itself.</summary>
    [Key("offloop"), Optional] public bool OffLoop { get; set; }
}

[MessagePackObject]
public sealed class SpamPushData
{
    [Key("text")] public string Text { get; set; } = "";
}

[MessagePackObject]
public sealed class WayResponse : IResponse
{
    [Key("result")] public int Result { get; set; }
    [Key("way")] public string Way { get; set; } = "";
}

/// <summary>An answer whose serialisation throws.</summary>
[MessagePackObject]
public sealed class UnserialisableResponse : IResponse
{
    [Key("result")] public int Result { get; set; }
    [Key("boom")] public int Boom => throw new InvalidOperationException("this answer cannot be serialised");
}
