using SocialGame.Core.Dispatch;
using SocialGame.Core.Gm;
using SocialGame.Core.Time;
using SocialGame.Modules.Gm;
using SocialGame.Modules.System;
using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

public class DispatchTests
{
    [Test]
    public void ADuplicateHandlerStopsTheStartUp()
    {
        var table = new HandlerTable();
        table.Add(new HeartbeatHandler(SystemClock.Instance));
        var ex = Assert.Throws<InvalidOperationException>(() => table.Add(new HeartbeatHandler(SystemClock.Instance)));
        Assert.That(ex!.Message, Does.Contain("duplicate"));
    }

    [Test]
    public void AnOperationOutsideTheCatalogueIsRefused()
    {
        var builder = ModuleBuilderTests.Builder(out _);
        var ex = Assert.Throws<InvalidOperationException>(() => builder.Register(new ProbeModule()));
        Assert.That(ex!.Message, Does.StartWith("module probe: ").And.Contain("is not in the protocol catalogue"));
    }

    [Test]
    public void ADuplicateGmCommandStopsTheStartUp()
    {
        var gm = new GmCommandRegistry();
        gm.Add(new TimeCommand(SystemClock.Instance));
        Assert.Throws<InvalidOperationException>(() => gm.Add(new TimeCommand(SystemClock.Instance)));
    }

    [Test]
    public void GmTextFindsOneAndTwoWordCommands()
    {
        var gm = new GmCommandRegistry();
        gm.Add(new TimeCommand(SystemClock.Instance));
        var (command, args) = gm.Find("//gm  time  a b");
        Assert.That(command!.Name, Is.EqualTo("time"));
        Assert.That(args, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(gm.Find("//gm nothing").Command, Is.Null);
    }

    [Test]
    public async Task ASerialQueueRunsItemsOneAtATimeInOrder()
    {
        var seen = new List<int>();
        int running = 0, maxRunning = 0;
        var done = new TaskCompletionSource();
        var queue = new SerialQueue<int>(async i =>
        {
            maxRunning = Math.Max(maxRunning, Interlocked.Increment(ref running));
            await Task.Yield();
            lock (seen) seen.Add(i);
            Interlocked.Decrement(ref running);
            if (i == 999) done.SetResult();
        }, 10_000);
        var producers = Enumerable.Range(0, 1).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 1000; i++) Assert.That(queue.TryEnqueue(i), Is.True);
        }));
        await Task.WhenAll(producers);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 1000).ToList()));
        Assert.That(maxRunning, Is.EqualTo(1));
    }

    [Test]
    public async Task ASerialQueueThatGoesIdleAndBusyByTurnsKeepsOrderAndRunsOneAtATime()
    {
        // items that finish at once (run on the adding thread when the queue is idle) mixed with items that wait (the rest
        // then runs on the pool): the adder keeps finding the queue idle, busy, or just being left by a pool thread
        const int Items = 20_000;
        var seen = new List<int>(Items);
        int running = 0, maxRunning = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new SerialQueue<int>(i =>
        {
            maxRunning = Math.Max(maxRunning, Interlocked.Increment(ref running));
            lock (seen) seen.Add(i);
            if (i % 3 != 0)
            {
                Interlocked.Decrement(ref running);
                if (i == Items - 1) done.SetResult();
                return ValueTask.CompletedTask;
            }
            return new ValueTask(WaitAsync(i));
        }, Items);
        await Task.Run(async () =>
        {
            for (int i = 0; i < Items; i++)
            {
                Assert.That(queue.TryEnqueue(i), Is.True);
                if (i % 500 == 0) await Task.Delay(1);
            }
        });
        await done.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, Items).ToList()));
        Assert.That(maxRunning, Is.EqualTo(1));
        Assert.That(await Eventually.TrueAsync(() => queue.Count == 0), Is.True, "every item finished");

        async Task WaitAsync(int i)
        {
            await Task.Yield();
            Interlocked.Decrement(ref running);
            if (i == Items - 1) done.SetResult();
        }
    }

    [Test]
    public void ASerialQueueRefusesBeyondItsCapacity()
    {
        var gate = new TaskCompletionSource();
        var queue = new SerialQueue<int>(_ => new ValueTask(gate.Task), 3);
        Assert.That(Enumerable.Range(0, 3).Select(queue.TryEnqueue), Is.All.True);
        Assert.That(queue.TryEnqueue(4), Is.False);
        gate.SetResult();
    }

    [Test]
    public void ASerialQueueWaitsForItemsWithoutAllocatingPerItem()
    {
        const int Items = 2_000;
        var pending = Enumerable.Range(0, Items).Select(_ => new TaskCompletionSource()).ToArray();
        int ran = 0;
        var queue = new SerialQueue<int>(i =>
        {
            ran++;
            return new ValueTask(pending[i].Task);
        }, 10);
        // warm-up: the queue's first segment and the continuation's first use
        for (int i = 0; i < 10; i++)
        {
            queue.TryEnqueue(i);
            pending[i].SetResult();
        }
        // each item waits (its task is not complete when it starts); its completion runs the queue on this thread
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 10; i < Items; i++)
        {
            queue.TryEnqueue(i);
            pending[i].SetResult();
        }
        long perItem = (GC.GetAllocatedBytesForCurrentThread() - before) / (Items - 10);
        Assert.That(ran, Is.EqualTo(Items));
        Assert.That(queue.Count, Is.Zero);
        Assert.That(perItem, Is.LessThan(8), "bytes allocated per waited item");
    }

    [Test]
    public async Task ASerialQueueGoesOnAfterAnItemThatFails()
    {
        var seen = new List<int>();
        var later = new TaskCompletionSource();
        var queue = new SerialQueue<int>(i =>
        {
            lock (seen) seen.Add(i);
            return i switch
            {
                0 => throw new InvalidOperationException("thrown at once"),
                1 => ValueTask.FromException(new InvalidOperationException("failed at once")),
                2 => new ValueTask(later.Task),
                _ => ValueTask.CompletedTask,
            };
        }, 10);
        for (int i = 0; i < 5; i++) Assert.That(queue.TryEnqueue(i), Is.True);
        Assert.That(seen, Is.EqualTo(new[] { 0, 1, 2 }), "item 3 waits for item 2");
        await Task.Run(() => later.SetException(new InvalidOperationException("failed later")));
        Assert.That(seen, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }));
        Assert.That(queue.Count, Is.Zero);
    }

    [Test]
    public async Task AccountLocksExcludeTheSameAccountOnly()
    {
        var locks = new AccountLocks();
        var a = await locks.AcquireAsync("a");
        var b = locks.AcquireAsync("b").AsTask();
        Assert.That(b.Wait(TimeSpan.FromSeconds(2)), Is.True, "another account is not blocked");
        var a2 = locks.AcquireAsync("a").AsTask();
        // Nothing releases "a" before the Dispose below: a lock that excluded would leave a2 waiting here for good.
        Assert.That(a2.IsCompleted, Is.False, "the same account waits");
        a.Dispose();
        (await a2).Dispose();
        (await b).Dispose();
        Assert.That(locks.Count, Is.EqualTo(0), "unused locks are dropped");
    }

    [Test]
    public async Task AJoinedAccountLockExcludesEveryOtherUseOfTheAccountAndIsDroppedWhenLeft()
    {
        var locks = new AccountLocks();
        var joined = locks.Join("a");
        var held = await locks.AcquireAsync(joined);
        // a login or a close takes the lock by name: it must wait for the joined connection's request
        var byName = locks.AcquireAsync("a").AsTask();
        var again = locks.AcquireAsync(joined).AsTask();
        await Task.Delay(50);
        Assert.That(byName.IsCompleted || again.IsCompleted, Is.False, "the same account waits, whichever way it takes the lock");
        var other = locks.AcquireAsync("b").AsTask();
        Assert.That(other.Wait(TimeSpan.FromSeconds(2)), Is.True, "another account is not blocked");
        (await other).Dispose();
        held.Dispose();
        (await byName).Dispose();
        (await again).Dispose();
        Assert.That(locks.Count, Is.EqualTo(1), "the joined account keeps its lock between requests");
        locks.Leave(joined);
        Assert.That(locks.Count, Is.EqualTo(0), "left by its connection and unused, the lock is dropped");
        // a request that begins as its connection leaves takes the account's current lock
        using (await locks.AcquireAsync(joined))
            Assert.That(locks.Count, Is.EqualTo(1));
        Assert.That(locks.Count, Is.EqualTo(0));
    }
}
