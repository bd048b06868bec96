using Ensemble.Audio;
using Ensemble.Client;
using Ensemble.FrontDoor.Http;
using Ensemble.FrontDoor.OpenInference;
using Ensemble.Grains.Abstractions.Models;
using Grpc.Core;
using Orleans.Runtime;

namespace Ensemble.FrontDoor.Tests.Http;

/// <summary>One classification, two protocols: each failure answers the same kind of status over HTTP and gRPC.</summary>
public sealed class ErrorStatusTests
{
    public static TheoryData<Exception, int, StatusCode> Failures => new()
    {
        { new InferenceRequestException("bad"), 400, StatusCode.InvalidArgument },
        { new AudioFormatException("clip.wav", "not a RIFF file"), 400, StatusCode.InvalidArgument },
        { new ModelNotFoundException("no such model"), 404, StatusCode.NotFound },
        { new ModelOverloadedException("model/m0", 64, 64), 429, StatusCode.ResourceExhausted },
        { new ClusterUnavailableException(ClusterEndpoint.Parse(ClusterEndpoint.Localhost), TimeSpan.FromSeconds(5), new InvalidOperationException("refused")), 503, StatusCode.Unavailable },
        { new SiloUnavailableException("silo gone"), 503, StatusCode.Unavailable },
        { new TimeoutException("no model answered"), 504, StatusCode.DeadlineExceeded },
        { new InvalidOperationException("a bug"), 500, StatusCode.Internal },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Http_and_grpc_answer_the_same_classification(Exception error, int http, StatusCode grpc) =>
        Assert.Equal((http, grpc), (ErrorStatus.Of(error), ErrorStatus.GrpcOf(error)));
}
