using System.Net;
using DotNetty.Buffers;
using DotNetty.Transport.Channels;
using MessagePack;
using StackExchange.Redis;

namespace SocialGame.Baseline;

/// <summary>
/// One connection of the baseline: reads each frame in place, answers heartbeats and the set-up requests at once,
/// and bargain helps after their Redis work; every answer is written on the connection's event loop (DotNetty
/// hands a write from another thread to it). No queue, lock, limiter or metrics: the bots send one request at a
/// time per connection, so answers leave in order.
/// </summary>
internal sealed class BaselineHandler(BaselineBargain bargain) : ChannelHandlerAdapter
{
    private static readonly Dictionary<string, int> HelpResults = new(StringComparer.Ordinal)
    {
        ["ok"] = 0, ["not_exist"] = 17, ["not_self"] = 20, ["nogoods"] = 4, ["over"] = 19, ["none"] = 11, ["already"] = 18,
        ["user_once"] = 25, ["limit_account"] = 8, ["limit_ip"] = 9, ["limit_device"] = 10,
    };
    private static readonly Action<Task, object?> CloseOnFault = static (t, channel) => ((IChannel)channel!).CloseAsync();
    private IChannel _channel = null!;
    private string _ip = "";
    private string? _account;
    private string? _code;

    public override void ChannelActive(IChannelHandlerContext context)
    {
        _channel = context.Channel;
        var address = (context.Channel.RemoteAddress as IPEndPoint)?.Address ?? IPAddress.None;
        _ip = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        base.ChannelActive(context);
    }

    public override void ChannelInactive(IChannelHandlerContext context)
    {
        if (_account is not null) bargain.Online.TryRemove(new KeyValuePair<string, BaselineHandler>(_account, this));
        base.ChannelInactive(context);
    }

    public override void ChannelRead(IChannelHandlerContext context, object message)
    {
        var frame = (IByteBuffer)message;
        Request request;
        bool ok;
        try
        {
            ok = Request.TryRead(frame.GetIoBuffer(frame.ReaderIndex, frame.ReadableBytes), out request);
        }
        finally
        {
            frame.Release();
        }
        if (!ok)
        {
            context.CloseAsync();
            return;
        }
        switch ((request.Module, request.OpId))
        {
            case (1, 2):
                Heartbeat(request);
                return;
            case (1, 1) when request.Acc is { } acc:
                _ = LoginAsync(request, acc);
                return;
            case (6, 4) when _account is not null && request.Code is not null && request.Device is not null:
                _ = HelpAsync(request);
                return;
            case (6, 3) when _account is not null:
                _ = StartAsync(request);
                return;
            case (6, 2):
                GetCurData(request);
                return;
            case (2, 1):
                Result(request, 0);
                return;
            default:
                Result(request, 29);
                return;
        }
    }

    private void Heartbeat(in Request request)
    {
        var buffer = BeginAnswer(request, 2, 0, out var writer);
        writer.WriteString("servertime"u8);
        writer.Write(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Send(Frames.End(buffer, ref writer));
    }

    private void Result(in Request request, int result)
    {
        var buffer = BeginAnswer(request, 1, result, out var writer);
        Send(Frames.End(buffer, ref writer));
    }

    private async Task LoginAsync(Request request, string acc)
    {
        try
        {
            await bargain.EnsureProfileAsync(acc, DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ConfigureAwait(false);
            _account = acc;
            bargain.Online[acc] = this;
            Result(request, 0);
        }
        catch (RedisException)
        {
            Result(request, 5);
        }
    }

    private async Task StartAsync(Request request)
    {
        try
        {
            _code = await bargain.StartAsync(_account!, request.Idx).ConfigureAwait(false);
            Result(request, _code is null ? 4 : 0);
        }
        catch (RedisException)
        {
            Result(request, 5);
        }
    }

    private void GetCurData(in Request request)
    {
        var buffer = BeginAnswer(request, 2, 0, out var writer);
        writer.WriteString("bargaindata"u8);
        writer.WriteMapHeader(1);
        writer.WriteString("code"u8);
        writer.Write(_code ?? "");
        Send(Frames.End(buffer, ref writer));
    }

    private async Task HelpAsync(Request request)
    {
        string code = request.Code!.ToUpperInvariant();
        RedisResult[] r;
        try
        {
            r = await bargain.HelpAsync(_account!, code, _ip, request.Device!).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            Result(request, 5);
            return;
        }
        int result = HelpResults.GetValueOrDefault((string)r[0]!, 3);
        long delPrice = result == 0 ? (long)r[1] : 0;
        var buffer = BeginAnswer(request, result == 0 ? 3 : 2, result, out var writer);
        writer.WriteString("bargaincode"u8);
        writer.Write(code);
        if (result == 0)
        {
            writer.WriteString("delprice"u8);
            writer.Write(delPrice);
        }
        Send(Frames.End(buffer, ref writer));
        if (result == 0 && bargain.Online.TryGetValue((string)r[3]!, out var owner)) owner.HelpNtf(request.Id, code, _account!, r);
    }

    /// <summary>helpntf to this connection's account (the owner of a code just cut).</summary>
    private void HelpNtf(long id, string code, string helper, RedisResult[] r)
    {
        var buffer = Frames.Begin(_channel.Allocator, 6, 7, default, out var writer);
        writer.WriteMapHeader(10);
        writer.WriteString("id"u8);
        writer.Write(id);
        writer.WriteString("bargaincode"u8);
        writer.Write(code);
        writer.WriteString("idx"u8);
        writer.Write((long)r[4]);
        writer.WriteString("goodsid"u8);
        writer.Write((long)r[5]);
        writer.WriteString("acc"u8);
        writer.Write(helper);
        writer.WriteString("nickname"u8);
        writer.Write(helper);
        writer.WriteString("head"u8);
        writer.Write("");
        writer.WriteString("sex"u8);
        writer.Write(0);
        writer.WriteString("delprice"u8);
        writer.Write((long)r[1]);
        writer.WriteString("totaldelprice"u8);
        writer.Write((long)r[2]);
        Send(Frames.End(buffer, ref writer));
    }

    /// <summary>An answer frame to <paramref name="request"/> whose data map has <paramref name="fields"/> entries, result first.</summary>
    private IByteBuffer BeginAnswer(in Request request, int fields, int result, out MessagePackWriter writer)
    {
        var buffer = Frames.Begin(_channel.Allocator, request.Module, request.OpId, Seq(request), out writer);
        writer.WriteMapHeader(fields);
        writer.WriteString("result"u8);
        writer.Write(result);
        return buffer;
    }

    private static ReadOnlySpan<byte> Seq(in Request request) => ((ReadOnlySpan<byte>)request.Seq)[..request.SeqLength];

    private void Send(IByteBuffer frame)
    {
        var write = _channel.WriteAndFlushAsync(frame);
        if (!write.IsCompletedSuccessfully)
            write.ContinueWith(CloseOnFault, _channel,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
    }
}
