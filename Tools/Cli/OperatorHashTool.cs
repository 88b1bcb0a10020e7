using SocialGame.Core.Admin;

namespace SocialGame.Tools;

/// <summary>
/// <c>./run.sh operator-hash</c>: reads a password from the first line of standard input and prints its PBKDF2 hash
/// for <c>admin.operators[].passwordHash</c> in server.json.
/// </summary>
public static class OperatorHashTool
{
    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        int iterations = OperatorPassword.DefaultIterations;
        if (ToolMain.Option(args, "--iterations") is { } text && (!int.TryParse(text, out iterations) ||
            iterations is < OperatorPassword.MinIterations or > OperatorPassword.MaxIterations))
        {
            error.WriteLine($"--iterations must be a number from {OperatorPassword.MinIterations} to {OperatorPassword.MaxIterations}");
            return 2;
        }
        string password = input.ReadLine() ?? "";
        if (password.Length is < OperatorPassword.MinPasswordLength or > OperatorPassword.MaxPasswordLength)
        {
            error.WriteLine($"usage: operator-hash [--iterations N] < file-with-password  (the password, " +
                $"{OperatorPassword.MinPasswordLength}-" +
                $"{OperatorPassword.MaxPasswordLength} characters, is the first line of standard input)");
            return 2;
        }
        output.WriteLine(OperatorPassword.Hash(password, iterations));
        return 0;
    }
}
