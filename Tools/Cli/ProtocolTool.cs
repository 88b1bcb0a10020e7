using SocialGame.Protocol.Generators;

namespace SocialGame.Tools;

/// <summary>Writes the generated protocol document and Lua constants (or, with --check, says whether they are current).</summary>
public static class ProtocolTool
{
    public static int Run(string[] args)
    {
        string root = ToolMain.Option(args, "--root") ?? ".";
        bool check = args.Contains("--check");
        int stale = 0;
        foreach (var (path, text) in new[] { (ProtocolText.MarkdownPath, ProtocolText.Markdown()),
            (ProtocolText.LuaPath, ProtocolText.Lua()) })
        {
            string full = Path.Combine(root, path);
            bool current = File.Exists(full) && File.ReadAllText(full) == text;
            if (check)
            {
                if (!current)
                {
                    stale++;
                    Console.WriteLine($"stale: {path} (run ./run.sh protocol)");
                }
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
            Console.WriteLine(current ? $"unchanged: {path}" : $"wrote: {path}");
        }
        return stale == 0 ? 0 : 1;
    }
}
