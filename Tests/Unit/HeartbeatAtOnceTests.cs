using System.Buffers;
using SocialGame.Core.Dispatch;
using SocialGame.Core.Metrics;
using SocialGame.Modules.System;
using SocialGame.Protocol.Catalog;
using SocialGame.Protocol.Messages;
using SocialGame.Protocol.Messages.System;
using SocialGame.Protocol.Wire;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

/// <summary>The heartbeat's answer written at once is the one its response object serialises to.</summary>
public class HeartbeatAtOnceTests
{
    [TestCase(0L)]
    [TestCase(127L)]
    [TestCase(1_700_000_000_123L)]
    [TestCase(4_102_444_800_000L)]
    public void TheAnswerWrittenAtOnceIsTheSerialisedResponse(long millis)
    {
        var handler = new HeartbeatHandler(new FakeClock(DateTimeOffset.FromUnixTimeMilliseconds(millis)));
        var output = new ArrayBufferWriter<byte>();
        Assert.That(((IAnswersAtOnce)handler).TryAnswer([], output, out int result), Is.True);
        Assert.That(result, Is.Zero);
        var expected = ProtocolSerializer.SerializeAnswer(new HeartbeatResponse { Result = 0, ServerTime = millis });
        Assert.That(output.WrittenSpan.ToArray(), Is.EqualTo(expected));
    }

    [TestCase(new byte[0], true)]
    [TestCase(new byte[] { 0xC0 }, true)]
    [TestCase(new byte[] { 0x80 }, true)]
    [TestCase(new byte[] { 0x90 }, false)]
    [TestCase(new byte[] { 0x81, 0xA1, 0x78, 0x01 }, false)]
    public void OnlyARequestWithoutDataIsAnsweredAtOnce(byte[] data, bool atOnce)
    {
        var handler = new HeartbeatHandler(new FakeClock(DateTimeOffset.UnixEpoch));
        var output = new ArrayBufferWriter<byte>();
        Assert.That(((IAnswersAtOnce)handler).TryAnswer(data, output, out _), Is.EqualTo(atOnce));
        if (!atOnce) Assert.That(output.WrittenCount, Is.Zero, "nothing written for the full way");
    }

    [Test]
    public void AHandlerAnsweredAtOnceThatNeedsALoginStopsTheStartUp()
    {
        var table = new HandlerTable { AllowUncatalogued = true };
        table.Add(new LoggedInAtOnce());
        var ex = Assert.Throws<InvalidOperationException>(() => new Dispatcher(table, new AccountLocks(), new ServerMetrics(), 8));
        Assert.That(ex!.Message, Does.Contain("needs a login"));
    }

    private sealed class LoggedInAtOnce() : Handler<EmptyRequest, ResultOnly>(
        new OpDef<EmptyRequest, ResultOnly>((Protocol.ModuleType)99, 9, "loggedinatonce", "", [])), IAnswersAtOnce
    {
        protected override ValueTask<ResultOnly> HandleAsync(RequestContext context, EmptyRequest request, CancellationToken ct) =>
            ValueTask.FromResult(ResultOnly.Of(Protocol.ResultCode.Success));

        public bool TryAnswer(ReadOnlySpan<byte> data, IBufferWriter<byte> output, out int result) => throw new NotSupportedException();
    }
}
