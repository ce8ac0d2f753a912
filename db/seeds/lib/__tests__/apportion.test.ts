import { apportion } from '../apportion';

describe('apportion', () => {
  it('hands out exactly the total, in proportion to the weights', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(976, [10, 6, 14, 9])).toEqual([250, 150, 351, 225]);
    expect(apportion(7, [0, 5])).toEqual([0, 7]);
  });

  it('refuses weights that sum to nothing', () => {
    expect(() => apportion(3, [0, 0])).toThrow('positive weight');
  });
});
