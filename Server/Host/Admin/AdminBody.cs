using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using SocialGame.Core.Admin;

namespace SocialGame.Server.Admin;

/// <summary>
/// Reads an admin request's body into at most <c>admin.maxBodyBytes</c>: a declared length above the cap is refused
/// before anything is read, and a body without a length stops being read at the first byte past the cap (413).
/// What was read must be UTF-8 JSON without repeated keys (<see cref="AdminJson"/>), or 400 naming the field.
/// </summary>
internal static class AdminBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as text, or the answer refusing it.</summary>
    public sealed record Result(string Text, AdminResponse? Refusal);

    public static async Task<Result> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return TooLarge(maxBytes);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            int total = 0;
            while (true)
            {
                int read = await request.Body.ReadAsync(buffer.AsMemory(total, maxBytes + 1 - total), ct).ConfigureAwait(false);
                if (read == 0) break;
                total += read;
                if (total > maxBytes) return TooLarge(maxBytes);
            }
            if (total == 0) return new Result("", null);
            var span = buffer.AsSpan(0, total);
            if (AdminJson.Check(span) is { } problem) return new Result("", AdminResponse.Invalid(problem.Field, problem.Message));
            try
            {
                return new Result(StrictUtf8.GetString(span), null);
            }
            catch (DecoderFallbackException)
            {
                return new Result("", AdminResponse.Invalid("(body)", "is not UTF-8"));
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Result TooLarge(int maxBytes) =>
        new("", new AdminResponse(StatusCodes.Status413PayloadTooLarge,
            new { error = $"the body is larger than {maxBytes} bytes (admin.maxBodyBytes)" }));
}
