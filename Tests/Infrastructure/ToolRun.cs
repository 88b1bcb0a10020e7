using SocialGame.Tools;

namespace SocialGame.Tests.Infrastructure;

/// <summary>Runs a command of the tools (what <c>./run.sh ARGS</c> runs) with its console output captured.</summary>
public static class ToolRun
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = await ToolMain.RunAsync(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
