extension KLLSketch {
    /// Sorts `base[from..<to]` ascending: the minimum is moved to the front, then quicksort
    /// (median of three) splits the rest down to short runs that insertion sort finishes.
    ///
    /// Any correct sort gives the same bits here: the items are finite, `−0.0` is stored as
    /// `+0.0`, so equal items are identical and stability cannot show. With the minimum first,
    /// every short run has an item to its left that is no larger than any of its own (the
    /// minimum, or the pivot that split it off), so insertion needs no bound check per step.
    /// (A branch-free merge sort was measured: more instructions than this on level-0 sizes.)
    static func sort(_ base: UnsafeMutablePointer<Double>, from: Int, to: Int) {
        guard to &- from > 1 else { return }
        var lowest = from
        var index = from &+ 1
        while index < to {
            lowest = base[index] < base[lowest] ? index : lowest
            index &+= 1
        }
        exchange(base, from, lowest)
        quickSort(base, from: from &+ 1, to: to)
    }

    /// Insertion sort of `base[from..<to]` (a short run) when `base[from - 1]` is no larger than
    /// any item of the run: it stops every insertion, so the loop checks no bound.
    static func insertionSortAfterSentinel(_ base: UnsafeMutablePointer<Double>, from: Int, to: Int) {
        var index = from &+ 1
        while index < to {
            let item = base[index]
            var hole = index
            while base[hole &- 1] > item {
                base[hole] = base[hole &- 1]
                hole &-= 1
            }
            base[hole] = item
            index &+= 1
        }
    }

    /// Sorts `base[from..<to]` in place without allocating, `base[from - 1]` being no larger than
    /// any of its items: quicksort (median of three) down to short runs, which insertion sort
    /// finishes; past a depth budget the stdlib sort takes over, so the worst case stays
    /// O(n log n).
    static func quickSort(_ base: UnsafeMutablePointer<Double>, from: Int, to: Int) {
        var low = from
        var high = to
        var depthBudget = 2 * (Int.bitWidth - (to - from).leadingZeroBitCount)
        while high - low > 24 {
            guard depthBudget > 0 else {
                var run = UnsafeMutableBufferPointer(start: base + low, count: high - low)
                run.sort()
                return
            }
            depthBudget -= 1
            // Median of three into base[low], then a Hoare partition around it.
            let middle = low + (high - low) / 2
            if base[middle] < base[low] { exchange(base, middle, low) }
            if base[high - 1] < base[low] { exchange(base, high - 1, low) }
            if base[high - 1] < base[middle] { exchange(base, high - 1, middle) }
            exchange(base, low, middle)
            let pivot = base[low]
            var left = low
            var right = high
            while true {
                repeat { left += 1 } while left < high && base[left] < pivot
                repeat { right -= 1 } while base[right] > pivot
                if left >= right { break }
                exchange(base, left, right)
            }
            exchange(base, low, right)
            // Recurse into the smaller side, loop on the larger: O(log n) stack.
            if right - low < high - right - 1 {
                quickSort(base, from: low, to: right)
                low = right + 1
            } else {
                quickSort(base, from: right + 1, to: high)
                high = right
            }
        }
        insertionSortAfterSentinel(base, from: low, to: high)
    }

    /// Moves the smaller of `base[left]` and `base[right]` (the left one on a tie) to `base[out]`
    /// and advances past it, without a branch.
    @inline(__always)
    private static func mergeStep(
        _ base: UnsafeMutablePointer<Double>, _ left: inout Int, _ right: inout Int, _ out: inout Int
    ) {
        let l = base[left]
        let r = base[right]
        let fromRight = r < l
        base[out] = fromRight ? r : l
        right &+= fromRight ? 1 : 0
        left &+= fromRight ? 0 : 1
        out &+= 1
    }

    /// Swaps `base[i]` and `base[j]` (which may be the same slot).
    @inline(__always)
    private static func exchange(_ base: UnsafeMutablePointer<Double>, _ i: Int, _ j: Int) {
        let item = base[i]
        base[i] = base[j]
        base[j] = item
    }

    /// Merges the sorted runs `first..<first+half` and `second..<end` into `first+half..<end`.
    ///
    /// Safe in place because `second == first + 2·half`: the write position never passes the
    /// unread part of the second run, and never enters the first run. The run whose last item is
    /// smaller runs out first, so each step checks only that run's bound.
    static func mergeForward(_ base: UnsafeMutablePointer<Double>, first: Int, half: Int, second: Int, end: Int) {
        var left = first
        let leftEnd = first &+ half
        var right = second
        var out = leftEnd
        if half > 0 && right < end {
            if base[end &- 1] < base[leftEnd &- 1] {
                while right < end {
                    mergeStep(base, &left, &right, &out)
                }
            } else {
                while left < leftEnd {
                    mergeStep(base, &left, &right, &out)
                }
                return  // what is left of the second run is already in place
            }
        }
        while left < leftEnd {
            base[out] = base[left]
            left &+= 1
            out &+= 1
        }
    }
}
