using SocialGame.Tests.Infrastructure;

namespace SocialGame.Tests.Unit;

/// <summary>The C# sources keep to the 140 columns <c>.editorconfig</c> sets (characters, not bytes).</summary>
public class LineLengthTests
{
    private const int MaxLength = 140;
    private static readonly string[] Folders = ["Protocol", "Server", "Modules", "Tools", "Tests"];

    [Test]
    public void NoSourceLineIsLongerThan140Characters()
    {
        var sep = Path.DirectorySeparatorChar;
        var files = Folders
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(TestServer.RepoRoot, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal));
        var tooLong = new List<string>();
        foreach (string file in files)
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                int length = lines[i].EnumerateRunes().Count();
                if (length > MaxLength) tooLong.Add($"{Path.GetRelativePath(TestServer.RepoRoot, file)}:{i + 1} ({length})");
            }
        }
        Assert.That(tooLong, Is.Empty, $"lines longer than {MaxLength} characters");
    }
}
