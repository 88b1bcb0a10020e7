namespace SocialGame.Modules.Bargain;

/// <summary>
/// A player's help on a bargain code was applied (through IDomainEvents), raised once per help after it is recorded (a repeat
/// is refused as already helped and raises nothing; a GM help raises nothing). <see cref="Idx"/> is the help's place in the
/// code's list: with the period and the code it names the help.
/// </summary>
internal sealed record BargainHelped(int ActId, string Code, string Helper, string Master, int Idx);
