using DotNetty.Buffers;
using DotNetty.Codecs;
using DotNetty.Transport.Channels;
using DotNetty.Transport.Channels.Embedded;
using MessagePack;
using SocialGame.Client;
using SocialGame.Protocol;
using SocialGame.Server.Transport;

namespace SocialGame.Tests.Unit;

/// <summary>The codec stage of the pipeline on DotNetty's EmbeddedChannel.</summary>
public class PipelineTests
{
    private const int MaxFrame = 1024;

    private static EmbeddedChannel NewChannel() => new(new FrameDecoder(MaxFrame, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1)));

    private static IByteBuffer Buffer(byte[] bytes) => Unpooled.WrappedBuffer(bytes);

    /// <summary>Records the user events that reach the end of the pipeline.</summary>
    private sealed class UserEvents : ChannelHandlerAdapter
    {
        public List<object> Seen { get; } = [];

        public override void UserEventTriggered(IChannelHandlerContext context, object evt) => Seen.Add(evt);
    }

    [Test]
    public async Task NothingReadForTheIdleTimeIsCalledOutOnceAndEveryReadPutsItOff()
    {
        var events = new UserEvents();
        var channel = new EmbeddedChannel(new FrameDecoder(MaxFrame, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)), events);
        for (int i = 0; i < 15; i++)
        {
            await Task.Delay(100);
            channel.WriteInbound(Buffer(ClientCodec.EncodeFrame(1, 2, null, i)));
            channel.RunScheduledPendingTasks();
        }
        Assert.That(events.Seen.OfType<ConnectionIdle>(), Is.Empty, "a read every 100 ms for 1.5 s keeps a 1 s idle time from passing");
        await Task.Delay(1300);
        channel.RunScheduledPendingTasks();
        Assert.That(events.Seen.OfType<ConnectionIdle>().Count(), Is.EqualTo(1), "1.3 s without a read");
        await Task.Delay(1100);
        channel.RunScheduledPendingTasks();
        Assert.That(events.Seen.OfType<ConnectionIdle>().Count(), Is.EqualTo(1), "called out once: the session closes the connection");
    }

    [Test]
    public void TheConnectionsEndOrTheStagesRemovalCancelsTheFrameAndIdleTimers()
    {
        // A timer left pending keeps the pipeline, and the session behind it, reachable until it runs (an hour here).
        // RunScheduledPendingTasks: the next timer's deadline, negative when none is left. The inactive event is fired by
        // hand: EmbeddedChannel's own close would cancel every timer itself.
        foreach (bool removed in new[] { false, true })
        {
            var decoder = new FrameDecoder(MaxFrame, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));
            var channel = new EmbeddedChannel(decoder);
            channel.WriteInbound(Buffer(ClientCodec.EncodeFrame(1, 2, new { }, 5)[..3]));
            Assert.That(channel.RunScheduledPendingTasks().Ticks, Is.Positive, "a frame begun and the idle time are timed");
            if (removed) channel.Pipeline.Remove(decoder);
            else channel.Pipeline.FireChannelInactive();
            Assert.That(channel.RunScheduledPendingTasks().Ticks, Is.Negative, removed ? "removed: no timer left" : "ended: no timer left");
        }
    }

    [Test]
    public void AFrameSplitAcrossReadsBecomesOneEnvelope()
    {
        var channel = NewChannel();
        var frame = ClientCodec.EncodeFrame(1, 2, new { }, 5);
        channel.WriteInbound(Buffer(frame[..3]));
        Assert.That(channel.ReadInbound<object>(), Is.Null);
        channel.WriteInbound(Buffer(frame[3..]));
        var envelope = channel.ReadInbound<Envelope>();
        Assert.That((envelope.ModuleType, envelope.OpId, envelope.Seq?.ToString()), Is.EqualTo((1, 2, "5")));
        Assert.That(channel.Active, Is.True);
    }

    [Test]
    public void TwoFramesInOneReadBecomeTwoEnvelopes()
    {
        var channel = NewChannel();
        channel.WriteInbound(Buffer([.. ClientCodec.EncodeFrame(1, 2, null, 1), .. ClientCodec.EncodeFrame(1, 2, null, 2)]));
        Assert.That(channel.ReadInbound<Envelope>().Seq?.ToString(), Is.EqualTo("1"));
        Assert.That(channel.ReadInbound<Envelope>().Seq?.ToString(), Is.EqualTo("2"));
    }

    [Test]
    public void ZeroLengthIsAMalformedFrame()
    {
        var channel = NewChannel();
        Assert.Throws<CorruptedFrameException>(() => channel.WriteInbound(Buffer([0, 0, 0, 0])));
        Assert.That(channel.ReadInbound<object>(), Is.Null);
    }

    [Test]
    public void OverLongLengthFailsBeforeTheBodyArrives()
    {
        var channel = NewChannel();
        Assert.Throws<TooLongFrameException>(() => channel.WriteInbound(Buffer([0, 0, 0x10, 0x01])));
    }

    [Test]
    public void ExactlyTheMaximumIsAccepted()
    {
        var channel = NewChannel();
        var body = MessagePackSerializer.Serialize(new Dictionary<string, object> { ["module_type"] = 1, ["opid"] = 2,
            ["pad"] = new string('x', MaxFrame - 40) });
        var padded = MessagePackSerializer.Serialize(new Dictionary<string, object> { ["module_type"] = 1, ["opid"] = 2,
            ["pad"] = new string('x', MaxFrame - 40 + (MaxFrame - body.Length)) });
        Assert.That(padded.Length, Is.EqualTo(MaxFrame));
        channel.WriteInbound(Buffer(ClientCodec.Prefix(padded)));
        Assert.That(channel.ReadInbound<Envelope>(), Is.Not.Null);
    }

    [Test]
    public void GarbageBodyIsAMalformedFrameAndItsBufferIsReleased()
    {
        var channel = NewChannel();
        var buffer = Buffer(ClientCodec.Prefix([0xc1, 0xc1, 0xc1]));
        Assert.Throws<CorruptedFrameException>(() => channel.WriteInbound(buffer));
        Assert.That(buffer.ReferenceCount, Is.EqualTo(0));
    }

    [Test]
    public void FramesAfterAMalformedOneInTheSameReadAreNotDecoded()
    {
        var channel = NewChannel();
        Assert.Throws<CorruptedFrameException>(() =>
            channel.WriteInbound(Buffer([.. ClientCodec.Prefix([0xc1]), .. ClientCodec.EncodeFrame(1, 2, null, 1)])));
        Assert.That(channel.ReadInbound<object>(), Is.Null);
    }
}
