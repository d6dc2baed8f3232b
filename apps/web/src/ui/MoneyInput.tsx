import { NumberInput, type NumberInputProps, Text } from '@mantine/core';

/** An amount in major units of the organisation's currency (the caller converts to minor units). */
export function MoneyInput({ currency, ...props }: { currency: string } & NumberInputProps) {
  return (
    <NumberInput
      leftSection={
        <Text size="sm" c="dimmed">
          {currency}
        </Text>
      }
      leftSectionWidth={52}
      thousandSeparator=","
      decimalScale={2}
      allowNegative={false}
      hideControls
      {...props}
    />
  );
}
