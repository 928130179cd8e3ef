// ListWalk over the real shiplink_list_iter entry points. No API of the library makes a list
// walk yet, so these drive one with a NULL iterator, which every entry point refuses by name;
// the stepping itself is the code IterQueue runs (ApiTests, DisposalTests).
using System;
using System.Collections.Generic;
using System.Linq;

namespace ShipLink.Tests
{
    public static class ListWalkTests
    {
        /// <summary>A walk over a NULL <c>shiplink_list_iter*</c>, as the marshaller would have
        /// made it.</summary>
        private static ListWalk NullWalk()
        {
            var iter = (ListIterHandle)Activator.CreateInstance(typeof(ListIterHandle), true);
            return new ListWalk(iter.Adopt(NativeMethods.Ok), null);
        }

        [Test]
        public static void StepsAndCheckpointsReachTheLibrary()
        {
            long lists = ListIterHandle.Live;
            using (ListWalk walk = NullWalk())
            {
                var step = Assert.Throws<InvalidArgumentException>(() => walk.First(), "a step");
                Assert.Contains("iter", step.Message, "names the iterator");
                using (IEnumerator<string> e = walk.GetEnumerator())
                {
                    Assert.Throws<InvalidArgumentException>(() => e.MoveNext(), "a failed step throws");
                    Assert.Throws<InvalidArgumentException>(() => e.MoveNext(), "and is retried");
                    Assert.Throws<NotSupportedException>(() => e.Reset(), "no reset");
                }
                var checkpoint = Assert.Throws<InvalidArgumentException>(() => walk.Checkpoint(), "a checkpoint");
                Assert.Contains("iter", checkpoint.Message, "names the iterator");
            }
            using (var none = (ListIterHandle)Activator.CreateInstance(typeof(ListIterHandle), true))
            {
                IntPtr batch;
                int status = NativeMethods.shiplink_list_iter_next_batch(none, out batch);
                Assert.Throws<InvalidArgumentException>(() => Errors.TakeResult(status, batch), "a batch");
            }
            Assert.Equal(lists, ListIterHandle.Live, "nothing was counted or freed");
        }

        [Test]
        public static void ADisposedWalkRefusesEveryUse()
        {
            ListWalk walk = NullWalk();
            IEnumerator<string> started = walk.GetEnumerator();
            walk.Dispose();
            walk.Dispose();
            Assert.Throws<ObjectDisposedException>(() => walk.Checkpoint(), "Checkpoint");
            Assert.Throws<ObjectDisposedException>(() => walk.GetEnumerator(), "GetEnumerator");
            Assert.Throws<ObjectDisposedException>(() => started.MoveNext(), "an enumeration under way");
            started.Dispose();
            Assert.True(!started.MoveNext(), "a disposed enumerator is over");
        }
    }
}
